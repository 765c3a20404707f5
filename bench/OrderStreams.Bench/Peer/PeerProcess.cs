using System.Diagnostics;
using System.Globalization;

namespace OrderStreams.Bench.Peer;

/// <summary>
/// One Streamiz peer process (bench/OrderStreams.Bench.Streamiz) running one pipeline: started with its arguments,
/// its <see cref="PeerProtocol"/> lines collected, stopped through its standard input.
/// </summary>
public sealed class PeerProcess : IAsyncDisposable
{
    private const int TailLength = 30;
    private readonly Process process;
    private readonly List<string> lines = [];
    private readonly Queue<string> errors = new();
    private readonly Lock gate = new();

    private PeerProcess(Process process) => this.process = process;

    /// <summary>When the peer started its engine (its <see cref="PeerProtocol.Starting"/> line), once it has.</summary>
    public DateTime? StartedAt => Find(PeerProtocol.Starting) is { } ticks
        ? new DateTime(long.Parse(ticks, CultureInfo.InvariantCulture), DateTimeKind.Utc)
        : null;

    public static PeerProcess Start(string assembly, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        start.ArgumentList.Add(assembly);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {assembly}.");
        var peer = new PeerProcess(process);
        process.OutputDataReceived += (_, e) => peer.Add(e.Data, peer.lines);
        process.ErrorDataReceived += (_, e) => peer.AddError(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return peer;
    }

    /// <summary>The words after <paramref name="keyword"/> on the first line that starts with it, or null.</summary>
    public string? Find(string keyword)
    {
        lock (gate)
            return lines.FirstOrDefault(l => l.StartsWith(keyword + " ", StringComparison.Ordinal))?[(keyword.Length + 1)..];
    }

    /// <summary>Waits for a <paramref name="keyword"/> line; fails at once if the peer exits or reports an error state.</summary>
    public async Task<string> WaitForAsync(string keyword, TimeSpan timeout, CancellationToken cancellation)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (Find(keyword) is { } found) return found;
            if (process.HasExited || HasState("ERROR"))
                throw new InvalidOperationException($"The Streamiz peer failed before '{keyword}':{Environment.NewLine}{Tail()}");
            if (deadline.Elapsed > timeout)
                throw new TimeoutException($"The Streamiz peer said no '{keyword}' in {timeout}:{Environment.NewLine}{Tail()}");
            await Task.Delay(10, cancellation);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            try
            {
                await process.StandardInput.WriteLineAsync(PeerProtocol.Stop);
                await process.StandardInput.FlushAsync();
            }
            catch (IOException)
            {
                // It exited meanwhile.
            }
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        process.Dispose();
    }

    private bool HasState(string state)
    {
        lock (gate) return lines.Contains($"{PeerProtocol.State} {state}");
    }

    private void Add(string? line, List<string> to)
    {
        if (line is null) return;
        lock (gate) to.Add(line);
    }

    private void AddError(string? line)
    {
        if (line is null) return;
        lock (gate)
        {
            errors.Enqueue(line);
            if (errors.Count > TailLength) errors.Dequeue();
        }
    }

    private string Tail()
    {
        lock (gate) return string.Join(Environment.NewLine, lines.TakeLast(5).Concat(errors));
    }
}
