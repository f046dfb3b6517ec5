"""The elementwise chapter's checks fail when its formulas are wrong."""

CASES = [
    # (snippet, right, wrong, what the mistake is)
    (
        "snippets/elementwise/diagonal_jacobian.py",
        "dY * local_derivative(X)",
        "dY @ local_derivative(X).T",
        "a matrix product where the Hadamard product belongs",
    ),
    (
        "snippets/elementwise/sigmoid.py",
        "dY * Y * (1.0 - Y)",
        "dY * Y",
        "sigmoid' = sigmoid, the (1 - sigmoid) factor dropped",
    ),
    (
        "snippets/elementwise/tanh.py",
        "dY * (1.0 - Y**2)",
        "dY * (1.0 - Y)",
        "tanh' = 1 - tanh, the square missing",
    ),
    (
        "snippets/elementwise/relu.py",
        "return dY * (Y > 0)",
        "return dY * (Y < 0)",
        "ReLU mask on the output with the wrong sign",
    ),
    (
        "snippets/elementwise/relu.py",
        "return dY * (Y > 0)",
        "return dY * (Y >= 0)",
        "ReLU mask Y >= 0: true for every output, so the mask passes everything",
    ),
    (
        "snippets/elementwise/softplus.py",
        "dY * -np.expm1(-Y)",
        "dY * np.exp(-Y)",
        "softplus' taken as 1 - s(X) instead of s(X)",
    ),
]
