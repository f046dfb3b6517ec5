"""J 1 = 0 (rows, shift invariance): softmax, log-softmax; 1^T J = 0: softmax only."""

import numpy as np
from gradcheck import numerical_gradient


# --8<-- [start:forward]
def softmax_forward(z):
    """s = softmax(z), the max shifted out."""
    e = np.exp(z - np.max(z))
    s = e / np.sum(e)
    return s


def log_softmax_forward(z):
    """log s = z - lse(z), the max shifted out."""
    zhat = np.max(z)
    logs = z - zhat - np.log(np.sum(np.exp(z - zhat)))
    return logs


# --8<-- [end:forward]


# --8<-- [start:jacobian]
def softmax_jacobian(z):
    """diag(s) - s s^T: symmetric."""
    s = softmax_forward(z)
    return np.diag(s) - np.outer(s, s)


def log_softmax_jacobian(z):
    """I - 1 s^T: not symmetric."""
    s = softmax_forward(z)
    return np.eye(s.size) - np.outer(np.ones(s.size), s)


# --8<-- [end:jacobian]


def main():
    rng = np.random.default_rng(7)
    # --8<-- [start:check]
    z = rng.standard_normal(5)  # logits, C = 5
    C, ones, s = z.size, np.ones(z.size), softmax_forward(z)
    J_s, J_log = softmax_jacobian(z), log_softmax_jacobian(z)
    # rows: J 1, how every output moves when all the logits move by the same amount
    for f, J in ((softmax_forward, J_s), (log_softmax_forward, J_log)):
        np.testing.assert_allclose(f(z + 3.7), f(z), rtol=0, atol=1e-12)  # a shift
        np.testing.assert_allclose(J @ ones, 0.0, rtol=0, atol=1e-14)  # row sums
    rows = [np.allclose(J @ ones, 0.0) for J in (J_s, J_log)]
    print(f"rows sum to 0 (J 1 = 0): softmax {rows[0]}, log-softmax {rows[1]}")
    #> rows sum to 0 (J 1 = 0): softmax True, log-softmax True
    # columns: 1^T J is the gradient of the sum of the outputs
    np.testing.assert_allclose(ones @ J_s, 0.0, rtol=0, atol=1e-14)  # sum_c s_c = 1
    np.testing.assert_allclose(ones @ J_log, 1.0 - C * s, rtol=1e-12)  # 1 - C s_j
    d_sum_logs = numerical_gradient(lambda z_: np.sum(log_softmax_forward(z_)), z)
    np.testing.assert_allclose(d_sum_logs, ones @ J_log, rtol=1e-6, atol=1e-8)
    cols = [np.allclose(ones @ J, 0.0) for J in (J_s, J_log)]
    print(f"columns sum to 0 (1^T J = 0): softmax {cols[0]}, log-softmax {cols[1]}")
    #> columns sum to 0 (1^T J = 0): softmax True, log-softmax False
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
