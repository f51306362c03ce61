/**
 * Compute devices: the {@code cpu}/{@code cuda}/{@code cuda:N} choice, the GPUs a machine shows
 * ({@code nvidia-smi}, {@code CUDA_VISIBLE_DEVICES}), the environment that pins each worker process to its
 * backend and GPU, and the check that ND4J loaded the backend a trial asked for.
 */
package dev.awb.runtime.device;
