/*
 * A process that does nothing but watch its own event loop (loopProbe.ts):
 * beside the backend in the same run, its delay is the machine's own noise
 * (other processes on the two cores, the kernel), which the backend's
 * delay is judged against. The IPC channel keeps it alive.
 */
import './loopProbe';
