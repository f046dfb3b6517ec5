"""The convolution chapter's checks fail when its formulas are wrong."""

CONV1D = "snippets/convolution/conv1d.py"
LOOPS = "snippets/convolution/conv2d_loops.py"
CONV2D = "snippets/convolution/conv2d.py"
TRANSPOSED = "snippets/convolution/transposed_conv.py"
GENERAL = "snippets/convolution/stride_padding_dilation.py"
IM2COL = "snippets/convolution/im2col.py"
MAX_POOL = "snippets/convolution/max_pool.py"
AVG_POOL = "snippets/convolution/avg_pool.py"
ONE_BY_ONE = "snippets/convolution/one_by_one.py"
COST = "snippets/convolution/cost.py"

CASES = [
    # (snippet, right, wrong, what the mistake is)
    # 1-D: conv1d_backward and the Toeplitz Jacobian
    (
        CONV1D,
        "windows(dy_padded, R) @ w[::-1]",
        "windows(dy_padded, R) @ w",
        "no flip: dx as the full correlation of dy with w itself",
    ),
    (
        CONV1D,
        "dw = windows(x, dy.size) @ dy",
        'dw = np.correlate(dy, x, mode="valid")',
        "correlate(dy, x) for correlate(x, dy): the course bug, dw comes out reversed",
    ),
    (
        CONV1D,
        "np.pad(dy, R - 1)",
        "np.pad(dy, (R - 1) // 2)",
        "'same' padding of dy where the full correlation needs R - 1 zeros each side",
    ),
    (
        CONV1D,
        "w[p] * np.eye(O, I, k=p)",
        "w[R - 1 - p] * np.eye(O, I, k=p)",
        "the Jacobian of a flipped-kernel (signal-processing) convolution",
    ),
    # 2-D reference loops
    (
        LOOPS,
        "dX[window] += dY[n, m, i, j] * W[m]",
        "dX[window] = dY[n, m, i, j] * W[m]",
        "= for +=: overlapping windows overwrite each other's share of dX",
    ),
    (
        LOOPS,
        "* W[m]  # windows overlap",
        "* W[m, :, ::-1, ::-1]  # windows overlap",
        "a rot180 in the scatter loop, where no flip belongs",
    ),
    (
        LOOPS,
        "dW[m] += dY[n, m, i, j] * X[window]",
        "dW[m] = dY[n, m, i, j] * X[window]",
        "= for +=: dW keeps the last position only, the sum over n, i, j is lost",
    ),
    (
        LOOPS,
        "J[n, m, i, j, n, :, i : i + R_h, j : j + R_w] = W[m]",
        "J[n, m, i, j, :, :, i : i + R_h, j : j + R_w] = W[m]",
        "delta_nn' dropped: as if example n's output read every example's input",
    ),
    # the vectorised layer
    (
        CONV2D,
        "W_flip = W[:, :, ::-1, ::-1]",
        "W_flip = W",
        "no flip in dX",
    ),
    (
        CONV2D,
        "W_flip = W[:, :, ::-1, ::-1]",
        "W_flip = W[:, :, ::-1, :]",
        "the kernel flipped along one axis only",
    ),
    (
        CONV2D,
        "db = dY.sum(axis=(0, 2, 3))",
        "db = dY.mean(axis=(2, 3)).sum(axis=0)",
        "db divided by the number of positions: a smaller loss's gradient",
    ),
    (
        CONV2D,
        '"ndijpq,nmij->mdpq", X_win, dY',
        '"ndijpq,nmij->mdpq", X_win[..., ::-1, ::-1], dY',
        "the flip of dX copied into dW",
    ),
    (
        CONV2D,
        "(R_h - 1, R_h - 1), (R_w - 1, R_w - 1)",
        "(0, 2 * R_h - 2), (0, 2 * R_w - 2)",
        "all of dY's padding at one end: dX shifted",
    ),
    # the transposed convolution
    (
        TRANSPOSED,
        '"ndijpq,mdpq->nmij", dX_win, W,',
        '"ndijpq,mdpq->nmij", dX_win, W[:, :, ::-1, ::-1],',
        "a flip in dY, whose gather needs none",
    ),
    (
        TRANSPOSED,
        '"ndijpq,nmij->mdpq", dX_win, Y',
        '"ndijpq,nmij->mdpq", dX_win[..., ::-1, ::-1], Y',
        "dW flipped",
    ),
    (
        TRANSPOSED,
        '"ndijpq,nmij->mdpq", dX_win, Y',
        '"ndijpq,nmij->nmdpq", dX_win, Y',
        "dW without its sum over the batch",
    ),
    (
        TRANSPOSED,
        "X[:, :, p : p + O_h, q : q + O_w] += copy",
        "X[:, :, p : p + O_h, q : q + O_w] = copy",
        "= for +=: the copies of Y overwrite each other where they overlap",
    ),
    # stride, padding, dilation
    (
        GENERAL,
        "dX_pad[:, :, padding : padding + I_h, padding : padding + I_w]  # padding: crop",
        "dX_pad[:, :, :I_h, :I_w]  # padding: crop",
        "padding: the crop taken at the corner instead of the middle",
    ),
    (
        GENERAL,
        "dY_all[:, :, ::stride, ::stride] = dY",
        "dY_all[:, :, : dY.shape[2], : dY.shape[3]] = dY",
        "stride: dY packed together, not spread stride apart",
    ),
    (
        GENERAL,
        "dW = dW_dil[:, :, ::dilation, ::dilation]",
        "dW = dW_dil[:, :, : W.shape[2], : W.shape[3]]",
        "dilation: dW read from the first entries of the dilated kernel, not its taps",
    ),
    (
        GENERAL,
        "dY_win, W[:, :, ::-1, ::-1], optimize=True)",
        "dY_win, W, optimize=True)",
        "no flip in the stride-1 backward",
    ),
    (
        GENERAL,
        "    db = dY.sum(axis=(0, 2, 3))",
        "    db = dY.mean(axis=(0, 2, 3))",
        "db as a mean over the batch and the positions",
    ),
    (
        GENERAL,
        "(R_h - 1, R_h - 1), (R_w - 1, R_w - 1)",
        "(R_h - 1, 0), (R_w - 1, 0)",
        "dY padded at the start only: dX loses its last rows and columns",
    ),
    (
        GENERAL,
        "rows = slice(stride * i, stride * i + dilation * (R_h - 1) + 1, dilation)",
        "rows = slice(i, i + dilation * (R_h - 1) + 1, dilation)",
        "scatter loop: the stride forgotten, output i's gradient sent to window i",
    ),
    (
        GENERAL,
        "dX_pad[window] += dY[n, m, i, j] * W[m]",
        "dX_pad[window] += dY[n, m, i, j] * W[m, :, ::-1, ::-1]",
        "scatter loop: a rot180 where no flip belongs",
    ),
    (
        GENERAL,
        "dX = dX_pad[:, :, padding : padding + I_h, padding : padding + I_w]  # crop",
        "dX = dX_pad[:, :, :I_h, :I_w]  # crop",
        "scatter loop: the crop taken at the corner instead of the middle",
    ),
    # im2col
    (
        IM2COL,
        "np.add.at(dX, (slice(None), slice(None), rows, cols), d_win)",
        "dX[:, :, rows, cols] += d_win",
        "col2im with a buffered +=: repeated indices keep one term",
    ),
    (
        IM2COL,
        "np.add.at(dX, (slice(None), slice(None), rows, cols), d_win)",
        "dX[:, :, rows, cols] = d_win",
        "col2im that assigns: the last patch wins",
    ),
    (
        IM2COL,
        "(dY_rows.T @ im2col(X, R_h, R_w)).reshape(W.shape)",
        "(im2col(X, R_h, R_w).T @ dY_rows).reshape(W.shape)",
        "reshape where a transpose belongs: the linear layer's X^T dY is (D R R, M)",
    ),
    (
        IM2COL,
        "dY.transpose(0, 2, 3, 1).reshape(-1, M)",
        "dY.reshape(-1, M)",
        "(N, M, O_h, O_w) reshaped as if it were (N, O_h, O_w, M)",
    ),
    # max-pool
    (
        MAX_POOL,
        "np.add.at(dX, (n, d, stride * i + p, stride * j + q), dY)",
        "dX[n, d, stride * i + p, stride * j + q] += dY",
        "buffered +=: an entry that is the max of two windows keeps one dY",
    ),
    (
        MAX_POOL,
        "(n, d, stride * i + p, stride * j + q), dY)",
        "(n, d, i + p, j + q), dY)",
        "the stride forgotten when the argmax goes back to X",
    ),
    (
        MAX_POOL,
        "p, q = np.divmod(first, R)",
        "q, p = np.divmod(first, R)",
        "row and column of the argmax swapped",
    ),
    # average-pool
    (
        AVG_POOL,
        "dX[:, :, rows, cols] += dY / R**2",
        "dX[:, :, rows, cols] += dY",
        "the 1/R² of the mean dropped",
    ),
    (
        AVG_POOL,
        "dX[:, :, rows, cols] += dY / R**2",
        "dX[:, :, rows, cols] += dY / R",
        "1/R instead of 1/R²",
    ),
    (
        AVG_POOL,
        "rows = slice(p, p + stride * (O_h - 1) + 1, stride)",
        "rows = slice(p, p + O_h)",
        "the stride forgotten: windows taken as neighbours",
    ),
    (
        AVG_POOL,
        "dX[:, :, rows, cols] += dY / R**2",
        "dX[:, :, rows, cols] = dY / R**2",
        "= for +=: where windows overlap, one tap's share overwrites another's",
    ),
    # the exercise's layer: mistakes a 1 x 1 kernel hides, caught at 3 x 3
    (
        ONE_BY_ONE,
        "dY_win, W[:, :, ::-1, ::-1], optimize=True)",
        "dY_win, W, optimize=True)",
        "no flip: invisible at 1 x 1, caught by the 3 x 3 dot-product test",
    ),
    (
        ONE_BY_ONE,
        "(R_h - 1, R_h - 1), (R_w - 1, R_w - 1)",
        "(0, 2 * R_h - 2), (0, 2 * R_w - 2)",
        "dY padded at one end: invisible at 1 x 1 (no padding), caught at 3 x 3",
    ),
    (
        ONE_BY_ONE,
        "db = dY.sum(axis=(0, 2, 3))",
        "db = dY.sum(axis=(2, 3)).mean(axis=0)",
        "db averaged over the batch: the linear layer's batch sum lost",
    ),
    # the cost's count of non-zero entries
    (
        COST,
        "min(i + R, I + padding) - max(i, padding)",
        "R",
        "every tap counted, also those that land on the padding",
    ),
]
