"""The activations-and-graphs chapter's checks fail when its formulas are wrong."""

GELU = "snippets/activations_and_graphs/gelu.py"
SILU = "snippets/activations_and_graphs/silu.py"
LOGSIG = "snippets/activations_and_graphs/log_sigmoid.py"
BCE = "snippets/activations_and_graphs/bce_with_logits.py"
FAN = "snippets/activations_and_graphs/fan_out.py"
RES = "snippets/activations_and_graphs/residual.py"
TIE = "snippets/activations_and_graphs/weight_tying.py"
DROP = "snippets/activations_and_graphs/dropout.py"
SWIGLU = "snippets/activations_and_graphs/swiglu.py"

CASES = [
    # (snippet, right, wrong, what the mistake is)
    # gelu_backward (exact)
    (
        GELU,
        "return Phi + X * phi",
        "return Phi",
        "GELU' taken as Phi(x): the product rule's x phi(x) term dropped",
    ),
    (
        GELU,
        "phi = np.exp(-0.5 * X**2) / np.sqrt(2.0 * np.pi)",
        "phi = np.exp(-0.5 * X**2)",
        "the normal density without its 1/sqrt(2 pi)",
    ),
    (
        GELU,
        "erf(X * np.sqrt(0.5))",
        "erf(X)",
        "Phi(x) written (1 + erf(x)) / 2: the 1/sqrt(2) inside erf forgotten",
    ),
    (
        GELU,
        "dX = dY * gelu_derivative(X)",
        "dX = dY * gelu_tanh_derivative(X)",
        "exact GELU forward, the tanh form's derivative backward",
    ),
    # gelu_tanh_backward
    (
        GELU,
        "dX = dY * gelu_tanh_derivative(X)",
        "dX = dY * gelu_derivative(X)",
        "tanh-form forward, the exact GELU's derivative backward: off by up to 8.7e-4",
    ),
    (
        GELU,
        "(1.0 + 3.0 * 0.044715 * X**2)",
        "(1.0 + 0.044715 * X**2)",
        "the chain rule through the cube: d(a x^3)/dx written a x^2",
    ),
    (
        GELU,
        "0.5 * X * (1.0 - th**2) * du",
        "0.5 * X * (1.0 - th) * du",
        "tanh' = 1 - tanh inside the tanh form: the square missing",
    ),
    # silu_backward
    (
        SILU,
        "dX = dY * s * (1.0 + X * (1.0 - s))",
        "dX = dY * s",
        "one use of x only: the path through the sigmoid dropped",
    ),
    (
        SILU,
        "dX = dY * s * (1.0 + X * (1.0 - s))",
        "dX = dY * s * (1.0 - s)",
        "the sigmoid's derivative in place of SiLU's",
    ),
    (
        SILU,
        "dX = dY * s * (1.0 + X * (1.0 - s))",
        "dX = dY * (s + X * s)",
        "sigma' taken as sigma: the (1 - sigma) factor dropped",
    ),
    # log_sigmoid_backward and forward
    (
        LOGSIG,
        "dX = dY * sigmoid(-X)",
        "dX = dY * sigmoid(X)",
        "(log sigma)' taken as sigma(x) instead of sigma(-x) = 1 - sigma(x)",
    ),
    (
        LOGSIG,
        "dX = dY * sigmoid(-X)",
        "dX = dY * (1.0 - 1.0 / (1.0 + np.exp(-X)))",
        "1 - sigma(x) computed as written: 0 for 4e-18 at x = 40, overflow at x = -800",
    ),
    (
        LOGSIG,
        "dX = dY * sigmoid(-X)",
        "dX = dY / (1.0 + np.exp(X))",
        "sigma(-x) as 1 / (1 + e^x): e^800 overflows",
    ),
    (
        LOGSIG,
        "Y = np.minimum(X, 0.0) - np.log1p(np.exp(-np.abs(X)))",
        "Y = np.log(1.0 / (1.0 + np.exp(-X)))",
        "the log of the sigmoid: overflow, then log(0) = -inf at x = -800",
    ),
    # bce_with_logits_backward and forward
    (
        BCE,
        "dZ = dL * (sigmoid(Z) - T) / Z.size",
        "dZ = dL * (sigmoid(Z) - T) / Z.shape[0]",
        "divided by N, as for softmax cross-entropy: BCE's mean runs over N C entries",
    ),
    (
        BCE,
        "dZ = dL * (sigmoid(Z) - T) / Z.size",
        "dZ = dL * (sigmoid(Z) - T)",
        "the 1/(N C) of the mean dropped: the gradient of the summed loss",
    ),
    (
        BCE,
        "dZ = dL * (sigmoid(Z) - T) / Z.size",
        "dZ = dL * (T - sigmoid(Z)) / Z.size",
        "the sign flipped: t - sigma(z), the gradient of the log-likelihood",
    ),
    (
        BCE,
        "dZ = dL * (sigmoid(Z) - T) / Z.size",
        "dZ = dL * (sigmoid(Z) - T) * sigmoid(Z) * (1 - sigmoid(Z)) / Z.size",
        "sigma'(z) multiplied in again: the fused gradient already contains it",
    ),
    (
        BCE,
        "L = np.mean(np.logaddexp(0.0, Z) - T * Z)",
        "L = np.mean(-(T * np.log(sigmoid(Z)) + (1 - T) * np.log(1 - sigmoid(Z))))",
        "sigmoid, then log: log(0) at z = 40 with t = 0",
    ),
    # fan_out_backward
    (
        FAN,
        "dX += dY * U",
        "dX = dY * U",
        "= instead of +=: the second use of X overwrites the first one's gradient",
    ),
    (
        FAN,
        "dX = dU @ A.T",
        "dX = dU @ A",
        "A where A^T belongs: runs, because A is square",
    ),
    (
        FAN,
        "dU = dY * X",
        "dU = dY",
        "the product rule's other factor X dropped",
    ),
    # residual_backward
    (
        RES,
        "dX = dY + dU @ W.T",
        "dX = dU @ W.T",
        "the skip path's dY dropped: dX from the branch alone",
    ),
    (
        RES,
        "dX = dY + dU @ W.T",
        "dX = dY",
        "the branch dropped: dX from the skip path alone",
    ),
    (
        RES,
        "dU = dY * (1.0 - H**2)",
        "dU = dY * (1.0 - H)",
        "tanh' = 1 - tanh in the branch: the square missing",
    ),
    (
        RES,
        "dW = X.T @ dU",
        "dW = X.T @ dY",
        "dW from dY, skipping the branch's tanh'",
    ),
    # tied_backward
    (
        TIE,
        "np.add.at(dE, idx, dX)",
        "dE[idx] += dX",
        "buffered +=: a token that occurs three times gets one row of dX",
    ),
    (
        TIE,
        "np.add.at(dE, idx, dX)",
        "dE = np.zeros_like(E)\n    np.add.at(dE, idx, dX)",
        "= instead of +=: the lookup's gradient overwrites the projection's",
    ),
    (
        TIE,
        'dE = np.einsum("nkv,nkd->vd", dZ, H)',
        "dE = np.zeros_like(E)",
        "the projection's dZ^T H dropped: dE as if the table were untied",
    ),
    (
        TIE,
        '"nkd,nke->de", X, dU',
        '"nkd,nke->ed", X, dU',
        "dW transposed: runs, because W is square",
    ),
    # dropout_backward and forward
    (
        DROP,
        "dX = dY * keep / (1.0 - p_drop)",
        "dX = dY * keep",
        "the mask without the scale 1/(1 - p_drop)",
    ),
    (
        DROP,
        "dX = dY * keep / (1.0 - p_drop)",
        "dX = dY / (1.0 - p_drop)",
        "the scale without the mask: dropped units receive gradient",
    ),
    (
        DROP,
        "dX = dY * keep / (1.0 - p_drop)",
        "dX = dY * keep * (1.0 - p_drop)",
        "the scale multiplied instead of divided",
    ),
    (
        DROP,
        "Y = X * keep / (1.0 - p_drop)",
        "Y = X * keep / p_drop",
        "divided by the drop probability instead of the keep probability",
    ),
    (
        DROP,
        "Y = X  # evaluation",
        "Y = X * (1.0 - p_drop)  # evaluation",
        "scaled again at evaluation on top of inverted dropout: the means differ",
    ),
    # swiglu_backward (the exercise)
    (
        SWIGLU,
        "dX = dU @ A.T + d_up @ B.T",
        "dX = d_up @ B.T",
        "X used twice, one use forgotten: the gate's branch dropped from dX",
    ),
    (
        SWIGLU,
        "dU = dY * up * s * (1.0 + U * (1.0 - s))",
        "dU = dY * up * s",
        "silu' taken as sigma",
    ),
    (
        SWIGLU,
        "dB = X.T @ d_up",
        "dB = X.T @ dY",
        "the gate's factor forgotten in dB",
    ),
]
