"""The elementwise chapter's checks fail when its formulas are wrong."""

CASES = [
    # (snippet, right, wrong, what the mistake is)
    (
        "snippets/elementwise/diagonal_jacobian.py",
        "dX = dY * local_derivative(X)",
        "dX = dY @ local_derivative(X).T",
        "a matrix product where the Hadamard product belongs",
    ),
    (
        "snippets/elementwise/sigmoid.py",
        "dX = dY * Y * (1.0 - Y)",
        "dX = dY * Y",
        "sigmoid' = sigmoid, the (1 - sigmoid) factor dropped",
    ),
    (
        "snippets/elementwise/sigmoid.py",
        "np.where(X >= 0, 1.0 / (1.0 + u), u / (1.0 + u))",
        "1.0 / (1.0 + np.exp(-X))",
        "the textbook sigmoid 1 / (1 + exp(-x)): exp(800) overflows at x = -800",
    ),
    (
        "snippets/elementwise/sigmoid.py",
        "np.where(X >= 0, 1.0 / (1.0 + u), u / (1.0 + u))",
        "np.exp(X) / (1.0 + np.exp(X))",
        "the sigmoid as exp(x) / (1 + exp(x)): inf / inf = nan at x = 800",
    ),
    (
        "snippets/elementwise/sigmoid.py",
        "return u / (1.0 + u) ** 2",
        "return np.exp(-X) / (1.0 + np.exp(-X)) ** 2",
        "the quotient rule without the shift to |x|: nan at x = -800",
    ),
    (
        "snippets/elementwise/tanh.py",
        "dX = dY * (1.0 - Y**2)",
        "dX = dY * (1.0 - Y)",
        "tanh' = 1 - tanh, the square missing",
    ),
    (
        "snippets/elementwise/tanh.py",
        "return 4.0 * u / (1.0 + u) ** 2",
        "return 1.0 / np.cosh(X) ** 2",
        "tanh' as 1 / cosh^2 evaluated directly: cosh(800) overflows",
    ),
    (
        "snippets/elementwise/relu.py",
        "dX = dY * (Y > 0)",
        "dX = dY * (Y < 0)",
        "ReLU mask on the output with the wrong sign",
    ),
    (
        "snippets/elementwise/relu.py",
        "dX = dY * (Y > 0)",
        "dX = dY * (Y >= 0)",
        "ReLU mask Y >= 0: true for every output, so the mask passes everything",
    ),
    (
        "snippets/elementwise/softplus.py",
        "dY * -np.expm1(-Y)",
        "dY * np.exp(-Y)",
        "softplus' taken as 1 - sigma(X) instead of sigma(X)",
    ),
    (
        "snippets/elementwise/softplus.py",
        "Y = np.logaddexp(0.0, X)",
        "Y = np.log(1.0 + np.exp(X))",
        "softplus as log(1 + exp(x)): inf at x = 800",
    ),
    (
        "snippets/elementwise/softplus.py",
        "slope = np.where(X >= 0, 1.0 / (1.0 + u), u / (1.0 + u))",
        "slope = 1.0 / (1.0 + np.exp(-X))",
        "softplus' = sigmoid written as 1 / (1 + exp(-x)): overflows at x = -800",
    ),
]
