"""The full db/dW of a 4096 x 4096 layer needs 512 GiB; dW needs 128 MiB."""

from gradcheck import human_bytes  # sizes in KiB, MiB, GiB, TiB


# --8<-- [start:cost]
def jacobian_bytes(m, n, itemsize=8):
    """Bytes of db/dW for b = W a with W (m, n): m * m * n float64 entries."""
    return m * m * n * itemsize


def gradient_bytes(m, n, itemsize=8):
    """Bytes of dW: the shape of W."""
    return m * n * itemsize


# --8<-- [end:cost]


def main():
    # --8<-- [start:check]
    m = n = 4096
    J, dW = jacobian_bytes(m, n), gradient_bytes(m, n)
    print(f"full db/dW: {J:,} bytes = {human_bytes(J)}")
    #> full db/dW: 549,755,813,888 bytes = 512 GiB
    print(f"dW:         {dW:,} bytes = {human_bytes(dW)}")
    #> dW:         134,217,728 bytes = 128 MiB
    print(f"ratio: {J // dW:,} (= m, the zeros of the Kronecker delta)")
    #> ratio: 4,096 (= m, the zeros of the Kronecker delta)
    print(f"non-zero fraction of the tensor: 1/{m:,}")
    #> non-zero fraction of the tensor: 1/4,096
    assert J == dW * m
    assert jacobian_bytes(3, 3) == 27 * 8 and gradient_bytes(3, 3) == 9 * 8
    # --8<-- [end:check]


if __name__ == "__main__":
    main()
