/** Whether the process with this pid still runs on this machine (signal 0 checks without sending anything). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, under another user
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
