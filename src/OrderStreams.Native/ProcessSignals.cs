using System.Runtime.InteropServices;

namespace OrderStreams.Native;

/// <summary>POSIX signals to other processes, which .NET's Process API lacks, and an exit that nothing can hold up.</summary>
public static partial class ProcessSignals
{
    private const int SigTerm = 15;

    /// <summary>Sends SIGTERM, the polite stop that .NET hosts and our CLI shut down gracefully on. Returns false if it could not be sent.</summary>
    public static bool Terminate(int processId) => !OperatingSystem.IsWindows() && Kill(processId, SigTerm) == 0;

    /// <summary>
    /// Ends this process at once with <paramref name="exitCode"/>: no finalizers, no exit handlers, no waiting for
    /// threads blocked in native code (a librdkafka close against a broker that is gone).
    /// </summary>
    public static void ExitNow(int exitCode)
    {
        if (!OperatingSystem.IsWindows()) Exit(exitCode);
        Environment.FailFast($"Exit {exitCode} forced.");
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "_exit")]
    private static partial void Exit(int status);
}
