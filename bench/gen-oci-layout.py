#!/usr/bin/env python3
"""Writes an OCI image layout for the transfer benchmark: LAYERS gzip layers, each one file of
random bytes followed by compressible text, so the compressed image is about TOTAL_MB in all.

usage: gen-oci-layout.py DIR [TOTAL_MB] [LAYERS] [TAG]
"""
import gzip, hashlib, io, json, os, sys, tarfile

def blob(root, data):
    digest = hashlib.sha256(data).hexdigest()
    with open(os.path.join(root, "blobs", "sha256", digest), "wb") as f:
        f.write(data)
    return "sha256:" + digest, len(data)

def layer(index, random_bytes, text_bytes):
    payload = os.urandom(random_bytes) + (b"stagecraft benchmark line %d\n" % index) * (text_bytes // 30)
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        info = tarfile.TarInfo("data/layer-%d.bin" % index)
        info.size, info.mtime, info.mode = len(payload), 0, 0o644
        tar.addfile(info, io.BytesIO(payload))
    uncompressed = raw.getvalue()
    return gzip.compress(uncompressed, compresslevel=1, mtime=0), hashlib.sha256(uncompressed).hexdigest()

def main():
    root = sys.argv[1]
    total_mb = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 8
    tag = sys.argv[4] if len(sys.argv) > 4 else "bench"
    os.makedirs(os.path.join(root, "blobs", "sha256"), exist_ok=True)
    per_layer = total_mb * 1_000_000 // count
    layers, diff_ids = [], []
    for i in range(count):
        # Random bytes do not compress; the text adds a quarter again and shrinks to almost nothing.
        compressed, diff_id = layer(i, per_layer, per_layer // 4)
        digest, size = blob(root, compressed)
        layers.append({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": digest, "size": size})
        diff_ids.append("sha256:" + diff_id)
    config = json.dumps({"architecture": "amd64", "os": "linux", "created": "2026-01-01T00:00:00Z",
                         "config": {}, "rootfs": {"type": "layers", "diff_ids": diff_ids}}).encode()
    cdigest, csize = blob(root, config)
    manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                           "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                                      "digest": cdigest, "size": csize},
                           "layers": layers}).encode()
    mdigest, msize = blob(root, manifest)
    with open(os.path.join(root, "oci-layout"), "w") as f:
        json.dump({"imageLayoutVersion": "1.0.0"}, f)
    with open(os.path.join(root, "index.json"), "w") as f:
        json.dump({"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json",
                   "digest": mdigest, "size": msize,
                   "annotations": {"org.opencontainers.image.ref.name": tag}}]}, f)
    print(mdigest)

if __name__ == "__main__":
    main()
