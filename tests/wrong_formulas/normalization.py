"""The normalization chapter's checks fail when its formulas are wrong."""

BN = "snippets/normalization/batchnorm.py"
LN = "snippets/normalization/layernorm.py"
RMS = "snippets/normalization/rmsnorm.py"

CASES = [
    # (snippet, right, wrong, what the mistake is)
    # BatchNorm, training mode
    (
        BN,
        "        dX_hat\n"
        "        - dX_hat.mean(axis=0)  # from the mean\n"
        "        - X_hat * (dX_hat * X_hat).mean(axis=0)  # from the variance\n",
        "        dX_hat\n",
        "BatchNorm: mean and variance treated as constants (the evaluation backward)",
    ),
    (
        BN,
        "- dX_hat.mean(axis=0)  # from the mean",
        "# the mean's term dropped",
        "BatchNorm: the term from the mean dropped",
    ),
    (
        BN,
        "- X_hat * (dX_hat * X_hat).mean(axis=0)  # from the variance",
        "# the variance's term dropped",
        "BatchNorm: the term from the variance dropped",
    ),
    (
        BN,
        "- dX_hat.mean(axis=0)  # from the mean",
        "- dX_hat.mean(axis=1, keepdims=True)  # from the mean",
        "BatchNorm: the mean taken over the features, LayerNorm's axis",
    ),
    (
        BN,
        "dgamma = (dY * X_hat).sum(axis=0)",
        "dgamma = (dY * X).sum(axis=0)",
        "BatchNorm: dgamma from the raw input X instead of X_hat",
    ),
    (
        BN,
        "dX_hat = dY * gamma",
        "dX_hat = dY",
        "BatchNorm: gamma forgotten on the way from dY to dX_hat",
    ),
    # LayerNorm
    (
        LN,
        "- dX_hat.mean(axis=-1, keepdims=True)  # from the mean",
        "- dX_hat.mean(axis=0, keepdims=True)  # from the mean",
        "LayerNorm: the mean taken over the batch, BatchNorm's axis",
    ),
    (
        LN,
        "- X_hat * (dX_hat * X_hat).mean(axis=-1, keepdims=True)  # from the variance",
        "# the variance's term dropped",
        "LayerNorm: the term from the variance dropped",
    ),
    (
        LN,
        "(dX_hat * X_hat).mean(axis=-1, keepdims=True)",
        "(dX_hat * X_hat).sum(axis=-1, keepdims=True)",
        "LayerNorm: a sum where the mean belongs, the 1/D of the variance lost",
    ),
    (
        LN,
        "dgamma = (dY * X_hat).reshape(-1, D).sum(axis=0)",
        "dgamma = (dY * X_hat).sum(axis=0)",
        "LayerNorm: dgamma summed over axis 0 only, (K, D) for a (N, K, D) input",
    ),
    (
        LN,
        "dbeta = dY.reshape(-1, D).sum(axis=0)",
        "dbeta = dY.reshape(-1, D).mean(axis=0)",
        "LayerNorm: dbeta averaged instead of summed over the rows",
    ),
    # RMSNorm
    (
        RMS,
        "dX = rho * (dX_hat - X_hat * np.mean(dX_hat * X_hat, axis=-1, keepdims=True))",
        "dX = rho * dX_hat",
        "RMSNorm: the root mean square treated as a constant",
    ),
    (
        RMS,
        "dX = rho * (dX_hat - X_hat * np.mean(dX_hat * X_hat, axis=-1, keepdims=True))",
        "dX = rho * (dX_hat - dX_hat.mean(axis=-1, keepdims=True)"
        " - X_hat * np.mean(dX_hat * X_hat, axis=-1, keepdims=True))",
        "RMSNorm: LayerNorm's mean term copied into a layer that subtracts no mean",
    ),
    (
        RMS,
        "np.mean(dX_hat * X_hat, axis=-1, keepdims=True))",
        "np.sum(dX_hat * X_hat, axis=-1, keepdims=True))",
        "RMSNorm: the 1/D of the mean square lost",
    ),
    (
        RMS,
        "dgamma = (dY * X_hat).reshape(-1, D).sum(axis=0)",
        "dgamma = (dY * X).reshape(-1, D).sum(axis=0)",
        "RMSNorm: dgamma from X instead of X_hat",
    ),
    # the standardisation of one vector
    (
        "snippets/normalization/standardize.py",
        "np.eye(D) - np.outer(ones, ones) / D - np.outer(x_hat, x_hat) / D",
        "np.eye(D) - np.outer(ones, ones) / D",
        "the Jacobian without the variance's rank-one term",
    ),
    (
        "snippets/normalization/standardize.py",
        "x_hat * np.mean(dx_hat * x_hat)",
        "x_hat * np.sum(dx_hat * x_hat)",
        "the one-vector backward with a sum where the mean belongs",
    ),
    # the staged backward
    (
        "snippets/normalization/staged.py",
        "dXc = dXc + dnu * 2.0 * Xc / count",
        "dXc = dXc",
        "staged: the variance's path into Xc forgotten (a node used twice)",
    ),
    (
        "snippets/normalization/staged.py",
        "dX = dXc + dmu / count",
        "dX = dXc",
        "staged: the path through the mean forgotten",
    ),
    (
        "snippets/normalization/staged.py",
        "dnu = -0.5 * (nu + eps) ** -1.5 * drho",
        "dnu = -0.5 * (nu + eps) ** -0.5 * drho",
        "staged: the derivative of (nu + eps)^(-1/2) with the wrong power",
    ),
    (
        "snippets/normalization/staged.py",
        "drho = (dX_hat * Xc).sum(axis=axis, keepdims=True)",
        "drho = dX_hat * Xc",
        "staged: rho was broadcast, its gradient not summed back",
    ),
    (
        "snippets/normalization/staged.py",
        "dnu = -(rho**2) / 2 * (dX_hat * X_hat)",
        "dnu = -(rho**3) / 2 * (dX_hat * X_hat)",
        "staged: dnu with rho^3 and X_hat, one rho too many (rho^3 goes with Xc)",
    ),
    (
        "snippets/normalization/staged.py",
        "dmu = -rho * dX_hat.sum(axis=0, keepdims=True)",
        "dmu = -dX_hat.sum(axis=0, keepdims=True)",
        "staged: dmu without the rho that dXc = rho dX_hat carries",
    ),
    # evaluation mode and the running statistics
    (
        "snippets/normalization/batchnorm_eval.py",
        "dX = dY * (gamma * rho)",
        "dX = dY * gamma / np.sqrt(X.var(axis=0) + eps)",
        "evaluation mode: the batch's variance used where the stored one belongs",
    ),
    (
        "snippets/normalization/batchnorm_eval.py",
        "unbiased = nu * N / (N - 1)",
        "unbiased = nu",
        "running_var updated with the biased 1/N variance, unlike PyTorch",
    ),
    # the variance's divisor, epsilon, the exercise
    (
        "snippets/normalization/variance_divisor.py",
        "X_hat * (dX_hat * X_hat).sum(axis=0) / (N - 1)",
        "X_hat * (dX_hat * X_hat).mean(axis=0)",
        "the 1/N backward for a forward that divides the variance by N - 1",
    ),
    (
        "snippets/normalization/epsilon.py",
        "X_hat * np.mean(dX_hat * X_hat, axis=-1, keepdims=True) / root",
        "X_hat * np.mean(dX_hat * X_hat, axis=-1, keepdims=True) / (root + eps)",
        "eps outside the root: both terms scaled alike, as if eps were inside",
    ),
    (
        "snippets/normalization/exercise_sequence.py",
        "dX_hat.mean(axis=(0, 1))",
        "dX_hat.mean(axis=0)",
        "sequence BatchNorm: the mean over the batch axis only, not the positions",
    ),
]
