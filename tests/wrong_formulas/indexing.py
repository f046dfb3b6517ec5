"""The indexing chapter's checks fail when its formulas are wrong."""

EMBEDDING = "snippets/indexing/embedding.py"
SCATTER = "snippets/indexing/scatter_add.py"
PICK = "snippets/indexing/pick.py"
SELECTION = "snippets/indexing/selection.py"
RESHAPE = "snippets/indexing/reshape.py"
TRANSPOSE = "snippets/indexing/transpose.py"
CONCAT = "snippets/indexing/concatenate.py"
SLICE_PAD = "snippets/indexing/slice_pad.py"
WHERE = "snippets/indexing/where.py"
MAXPOOL = "snippets/indexing/maxpool.py"
BROADCAST = "snippets/indexing/broadcast.py"
POSITIONS = "snippets/indexing/exercise_positions.py"

CASES = [
    # (snippet, right, wrong, what the mistake is)
    # embedding_backward
    (
        EMBEDDING,
        "np.add.at(dE, idx, dY)",
        "dE[idx] += dY",
        "fancy-index += : a token that occurs twice keeps one row of dY, not the sum",
    ),
    (
        EMBEDDING,
        "np.add.at(dE, idx, dY)",
        "dE[idx] = dY",
        "plain assignment: the last occurrence of a token overwrites the others",
    ),
    (
        EMBEDDING,
        "np.add.at(dE, idx, dY)",
        "np.add.at(dE, idx, dY / np.bincount(idx.ravel())[idx][..., None])",
        "repeated tokens averaged over their occurrences (a mean where the sum belongs)",
    ),
    (
        EMBEDDING,
        '"nkr,dj->nkdrj", onehot, np.eye(D)',
        '"nkr,dj->nkdrj", onehot, np.ones((D, D))',
        "delta_dj dropped from the Jacobian: as if Y_nkd read every column of its row",
    ),
    # the scatter-add helpers
    (
        SCATTER,
        "np.add.at(dE, idx, dY)",
        "dE[idx] += dY",
        "the buffered += in place of np.add.at: differs on the repeated tokens",
    ),
    (
        SCATTER,
        "idx[..., None] * D + np.arange(D)",
        "idx[..., None] + np.arange(D)",
        "flat index without the row stride D: bins of different rows collide",
    ),
    (
        SCATTER,
        '"nkr,nkd->rd"',
        '"nkr,nkd->dr"',
        "one-hot product transposed: (D, V) instead of the (V, D) of E",
    ),
    # pick_backward
    (
        PICK,
        "dS[np.arange(N), labels] = dy",
        "dS[:, labels] = dy",
        "':' for np.arange(N): every row written at every label",
    ),
    (
        PICK,
        "dS[np.arange(N), labels] = dy",
        "dS[np.arange(N), labels] = 1.0",
        "the one-hot of the labels returned: the upstream gradient dy dropped",
    ),
    (
        PICK,
        "dS[np.arange(N), labels] = dy",
        "dS[np.arange(N), labels] = -dy",
        "the minus sign of the negative log-likelihood folded into the pick",
    ),
    (
        PICK,
        '"np,nc->npc", np.eye(N), onehot',
        '"np,nc->npc", np.ones((N, N)), onehot',
        "delta_np dropped: as if y_n read the label column of every row",
    ),
    # gather_backward, the general rule
    (
        SELECTION,
        "np.bincount(source[keep], weights=dy[keep], minlength=size)",
        "np.bincount(source[keep], minlength=size)",
        "bincount without weights counts the copies instead of summing dy",
    ),
    (
        SELECTION,
        "keep = source >= 0",
        "keep = source > 0",
        "off by one: the gradient of flat entry 0 dropped with the padding",
    ),
    (
        SELECTION,
        "dx = np.bincount(source[keep], weights=dy[keep], minlength=size)",
        "dx = np.zeros(size); dx[source[keep]] += dy[keep]",
        "fancy-index += in the general scatter: repeated reads not summed",
    ),
    # reshape_backward
    (
        RESHAPE,
        "dX = dY.reshape(x_shape)",
        'dX = dY.reshape(x_shape, order="F")',
        "read back in column-major (Fortran, MATLAB) order: a different flat order",
    ),
    (
        RESHAPE,
        "dX = dY.reshape(x_shape)",
        "dX = dY.T.reshape(x_shape)",
        "a transpose before the reshape: right size, entries in the wrong places",
    ),
    (
        RESHAPE,
        "dX = dY.reshape(x_shape)",
        "dX = dY.reshape(x_shape[::-1]).T",
        "reshape to the reversed shape and transpose: undoes a transpose, not a reshape",
    ),
    # transpose_backward
    (
        TRANSPOSE,
        "dX = dY.transpose(np.argsort(axes))",
        "dX = dY.transpose(axes)",
        "the forward permutation again, not its inverse (right only if self-inverse)",
    ),
    (
        TRANSPOSE,
        "dX = dY.transpose(np.argsort(axes))",
        "dX = dY.T",
        ".T on a 3-D array reverses all axes",
    ),
    (
        TRANSPOSE,
        "dX = dY.transpose(np.argsort(axes))",
        "dX = dY.swapaxes(-1, -2)",
        "'the backward of a transpose is a transpose': the last two axes swapped",
    ),
    # concat_backward
    (
        CONCAT,
        "dX1 = dY[:, :D1]",
        "dX1 = dY[:D1]",
        "cut along the batch axis instead of the joined one",
    ),
    (
        CONCAT,
        "dX2 = dY[:, D1:]",
        "dX2 = dY[:, -D1:]",
        "the second piece measured by the first one's width",
    ),
    (
        CONCAT,
        "dX2 = dY[:, D1:]",
        "dX2 = dY[:, D1 + 1 :]",
        "off by one at the seam",
    ),
    # split_backward
    (
        CONCAT,
        "np.concatenate([dY1, dY2], axis=1)",
        "np.concatenate([dY2, dY1], axis=1)",
        "the pieces joined in the wrong order",
    ),
    (
        CONCAT,
        "np.concatenate([dY1, dY2], axis=1)",
        "np.concatenate([dY1, np.zeros_like(dY2)], axis=1)",
        "the second piece's gradient dropped, as if only Y1 reached the loss",
    ),
    (
        CONCAT,
        "np.concatenate([dY1, dY2], axis=1)",
        "np.stack([dY1, dY2])",
        "stacked on a new axis instead of joined: (2, N, D1), not the (N, D) of X",
    ),
    # stack_backward
    (
        CONCAT,
        "dX1, dX2 = dY[0], dY[1]",
        "dX1, dX2 = dY[:, 0], dY[:, 1]",
        "taken apart along the wrong axis",
    ),
    (
        CONCAT,
        "dX1, dX2 = dY[0], dY[1]",
        "dX1, dX2 = dY[1], dY[0]",
        "the two slices swapped",
    ),
    (
        CONCAT,
        "dX1, dX2 = dY[0], dY[1]",
        "dX1, dX2 = dY.sum(axis=0), dY.sum(axis=0)",
        "stack treated as a broadcast: both inputs get the sum",
    ),
    # slice_backward
    (
        SLICE_PAD,
        "(start, D - stop)",
        "(start, stop)",
        "np.pad given the slice's bounds instead of the widths before and after",
    ),
    (
        SLICE_PAD,
        "(start, D - stop)",
        "(0, D - stop + start)",
        "the offset forgotten: dY placed at column 0",
    ),
    (
        SLICE_PAD,
        "(start, D - stop)",
        "(D - stop, start)",
        "the two pad widths swapped",
    ),
    # pad_backward
    (
        SLICE_PAD,
        "dY[:, pad : dY.shape[1] - pad]",
        "dY[:, pad:-pad]",
        "crop with -pad: an empty array when pad = 0",
    ),
    (
        SLICE_PAD,
        "dY[:, pad : dY.shape[1] - pad]",
        "dY[:, : dY.shape[1] - 2 * pad]",
        "cropped from one side only",
    ),
    (
        SLICE_PAD,
        "dY[:, pad : dY.shape[1] - pad]",
        "dY[pad : dY.shape[0] - pad]",
        "cropped along the batch axis",
    ),
    # where_backward
    (
        WHERE,
        "dX2 = np.where(mask, 0.0, dY)",
        "dX2 = np.where(mask, dY, 0.0)",
        "the same mask for both branches",
    ),
    (
        WHERE,
        "dX1 = np.where(mask, dY, 0.0)",
        "dX1 = dY",
        "all of dY to the first branch, selected or not",
    ),
    (
        WHERE,
        "dX1 = np.where(mask, dY, 0.0)",
        "dX1 = np.where(mask, 1.0, 0.0)",
        "the local derivative (the mask) returned, not times dY",
    ),
    # maxpool_backward
    (
        MAXPOOL,
        "np.add.at(dX, (np.arange(X.shape[0])[:, None], k), dY)",
        "dX[np.arange(X.shape[0])[:, None], k] = dY",
        "assignment: a column that wins two overlapping windows keeps one dY",
    ),
    (
        MAXPOOL,
        "np.add.at(dX, (np.arange(X.shape[0])[:, None], k), dY)",
        "dX[np.arange(X.shape[0])[:, None], k] += dY",
        "fancy-index += : the same loss for a column that wins twice",
    ),
    (
        MAXPOOL,
        "k = cols[np.arange(len(cols)), inside]",
        "k = inside",
        "the position inside the window taken for the column of X",
    ),
    # broadcast_backward
    (
        BROADCAST,
        "stretched, keepdims=True",
        "stretched, keepdims=False",
        "keepdims dropped: (N, K) returned for an (N, 1, K) input",
    ),
    (
        BROADCAST,
        "s == 1 and dx.shape[i] != 1",
        "s != 1",
        "wrong axes: summed over the kept axes, not the stretched ones",
    ),
    (
        BROADCAST,
        "range(extra)",
        "range(dy.ndim - extra, dy.ndim)",
        "prepended axes taken from the end",
    ),
    # encoder_backward (the exercise)
    (
        POSITIONS,
        "dE_pos[:K] = dY.sum(axis=0)",
        "dE_pos[:K] = dY.mean(axis=0)",
        "a mean over the batch where the broadcast's sum belongs",
    ),
    (
        POSITIONS,
        "dE_pos[:K] = dY.sum(axis=0)",
        "dE_pos[:K] = dY[0]",
        "positions credited from the first sequence only",
    ),
    (
        POSITIONS,
        "np.add.at(dE, idx, dY)",
        "dE[idx] += dY",
        "fancy-index += for the token table",
    ),
]
