using System.Runtime.InteropServices;

namespace OrderStreams.Native;

/// <summary>POSIX signals to other processes, which .NET's Process API lacks.</summary>
public static partial class ProcessSignals
{
    private const int SigTerm = 15;

    /// <summary>Sends SIGTERM, the polite stop that .NET hosts and our CLI shut down gracefully on. Returns false if it could not be sent.</summary>
    public static bool Terminate(int processId) => !OperatingSystem.IsWindows() && Kill(processId, SigTerm) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
