# Generates a 20,000-file, ~280 MB build context (200 directories of 100 files, sizes drawn from
# an exponential distribution, one 1 MB file in 500) for bench/context-checksums.sh.
import os, random, shutil, sys
root = sys.argv[1] if len(sys.argv) > 1 else "/var/tmp/pb/sumctx"
shutil.rmtree(root, ignore_errors=True)
rnd = random.Random(42)
total = 0
for d in range(200):
    sub = os.path.join(root, "pkg%03d" % (d // 20), "mod%03d" % d)
    os.makedirs(sub)
    for f in range(100):
        n = d * 100 + f
        size = 1_000_000 if n % 500 == 0 else int(rnd.expovariate(1 / 11_800))
        with open(os.path.join(sub, "file%05d.dat" % n), "wb") as out:
            out.write(rnd.randbytes(size))
        total += size
print("%d files, %d bytes in %s" % (200 * 100, total, root))
