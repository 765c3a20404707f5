using System.Collections.Concurrent;
using System.Diagnostics;
using OrderStreams.Native;

namespace OrderStreams.Testing;

/// <summary>A .NET program run as a separate process, its stdout lines collected as they arrive.</summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process process;
    private readonly BlockingCollection<string> lines = new();
    private readonly ConcurrentQueue<string> errors = new();

    private ChildProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) lines.CompleteAdding();
            else lines.Add(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) errors.Enqueue(e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>What the process wrote to stderr so far, for assertion messages.</summary>
    public string Errors => string.Join(Environment.NewLine, errors);

    /// <summary>Starts <c>dotnet &lt;assembly&gt; args</c> with extra environment variables, in <paramref name="workingDirectory"/> (default: the test's).</summary>
    public static ChildProcess StartDotnet(
        string assemblyPath, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory ?? "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assemblyPath);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        return new ChildProcess(Process.Start(start) ?? throw new InvalidOperationException($"Could not start {assemblyPath}."));
    }

    /// <summary>The next stdout line, or null when the process closed stdout or the timeout passed.</summary>
    public string? ReadLine(TimeSpan timeout) => lines.TryTake(out var line, timeout) ? line : null;

    /// <summary>Reads lines until one satisfies <paramref name="match"/>; every line read is passed to <paramref name="seen"/>.</summary>
    public string WaitForLine(Func<string, bool> match, TimeSpan timeout, Action<string>? seen = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var line = ReadLine(deadline - DateTime.UtcNow);
            if (line is null) break;
            seen?.Invoke(line);
            if (match(line)) return line;
        }
        throw new TimeoutException($"No matching line within {timeout}. Exited: {process.HasExited}. Stderr: {Errors}");
    }

    /// <summary>Asks the process to stop (SIGTERM on Unix) and waits for it to exit.</summary>
    public int Stop(TimeSpan timeout)
    {
        if (!process.HasExited)
        {
            if (!ProcessSignals.Terminate(process.Id)) process.Kill();
        }
        if (!process.WaitForExit(timeout)) throw new TimeoutException($"Process {process.Id} did not exit within {timeout} of SIGTERM.");
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>Waits for the process to exit by itself and returns its exit code; stdout and stderr are read to the end.</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        if (!process.WaitForExit(timeout)) throw new TimeoutException($"Process {process.Id} did not exit within {timeout}. Stderr: {Errors}");
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>Kills the process at once, as <c>kill -9</c> would.</summary>
    public void KillHard()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public void Dispose()
    {
        KillHard();
        process.Dispose();
        lines.Dispose();
    }
}
