//! Job scripts that run a sweep's shards on a cluster with this binary: a Slurm array job, or
//! a Kubernetes Indexed Job. Each array task (or completion index) is one shard; `sweep run`
//! reads its index from `SLURM_ARRAY_TASK_ID` or `JOB_COMPLETION_INDEX`.

use std::path::Path;

/// A Slurm batch script with one array task per shard.
pub fn slurm(binary: &Path, plan: &Path, out: &Path, shards: u32) -> String {
    format!(
        "#!/bin/bash\n\
         # A gossip-sim sweep: {shards} shards, one Slurm array task each.\n\
         # Submit with `sbatch`, then merge with:\n\
         #   {bin} sweep merge {out} --format json > result.json\n\
         #SBATCH --job-name=gossip-sweep\n\
         #SBATCH --array=0-{last}\n\
         #SBATCH --cpus-per-task=4\n\
         #SBATCH --output=gossip-sweep-%a.log\n\
         set -euo pipefail\n\
         exec {bin} sweep run {plan} --shards {shards} --out {out} --threads \"${{SLURM_CPUS_PER_TASK}}\"\n",
        last = shards - 1,
        bin = binary.display(),
        plan = plan.display(),
        out = out.display(),
    )
}

/// A Kubernetes Indexed Job with one completion per shard. The image must contain this
/// binary; the plan and the results live on the volume mounted at `/sweep`.
pub fn k8s(image: &str, plan_name: &str, shards: u32) -> String {
    format!(
        "# A gossip-sim sweep: {shards} shards, one completion index each.\n\
         # `kubectl apply -f` this; the plan must be at /sweep/{plan_name} on the volume, and the\n\
         # shards are written to /sweep/out (merge with `gossip-sim sweep merge out`).\n\
         apiVersion: batch/v1\n\
         kind: Job\n\
         metadata:\n  name: gossip-sweep\n\
         spec:\n  completionMode: Indexed\n  completions: {shards}\n  parallelism: {shards}\n  backoffLimitPerIndex: 2\n\
         \x20 template:\n    spec:\n      restartPolicy: Never\n      containers:\n\
         \x20       - name: shard\n          image: {image}\n\
         \x20         command: [\"gossip-sim\", \"sweep\", \"run\", \"/sweep/{plan_name}\", \"--shards\", \"{shards}\", \"--out\", \"/sweep/out\"]\n\
         \x20         volumeMounts:\n            - name: sweep\n              mountPath: /sweep\n\
         \x20     volumes:\n        - name: sweep\n          persistentVolumeClaim:\n            claimName: gossip-sweep\n"
    )
}
