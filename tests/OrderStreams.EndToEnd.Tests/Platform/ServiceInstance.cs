using System.Net;
using System.Net.Sockets;
using OrderStreams.Testing;

namespace OrderStreams.EndToEnd.Tests.Platform;

/// <summary>One service as its own process on 127.0.0.1, started from its build output; its log goes to a file.</summary>
internal sealed class ServiceInstance : IDisposable
{
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(5) };

    private readonly ChildProcess process;
    private readonly Thread logPump;

    private ServiceInstance(string name, ChildProcess process, Uri url, string logPath)
    {
        Name = name;
        this.process = process;
        Url = url;
        LogPath = logPath;
        logPump = new Thread(() => PumpLog(process, logPath)) { IsBackground = true, Name = $"{name}-log" };
        logPump.Start();
    }

    public string Name { get; }

    public Uri Url { get; }

    public string LogPath { get; }

    public bool HasExited => process.HasExited;

    /// <summary>Starts <paramref name="project"/>'s assembly with <paramref name="environment"/> plus its own URL, state directory and application server.</summary>
    public static ServiceInstance Start(string name, string project, string assembly, IReadOnlyDictionary<string, string> environment, string workDirectory)
    {
        var path = RepositoryPaths.AssemblyOf(project, assembly);
        var port = FreePort();
        var url = new Uri($"http://127.0.0.1:{port}");
        var settings = new Dictionary<string, string>(environment)
        {
            ["Urls"] = url.ToString(),
            ["Streams__ApplicationServer"] = $"127.0.0.1:{port}",
            ["Streams__StateDir"] = Path.Combine(workDirectory, "state", $"{name}-{port}"),
        };
        var logPath = Path.Combine(workDirectory, "logs", $"{name}-{port}.log");
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        // The content root (appsettings.json) is the working directory.
        var process = ChildProcess.StartDotnet(path, [], settings, Path.GetDirectoryName(path));
        return new ServiceInstance(name, process, url, logPath);
    }

    public async Task<bool> IsReadyAsync()
    {
        try
        {
            using var response = await Probe.GetAsync(new Uri(Url, "/readyz"));
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>The last lines of its log, for assertion messages.</summary>
    public string LogTail(int lines = 30)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return $"{Name} ({LogPath}):\n" + string.Join('\n', all.TakeLast(lines)) + "\n" + process.Errors;
        }
        catch (IOException e)
        {
            return $"{Name}: no log ({e.Message})";
        }
    }

    /// <summary>Kills it with SIGKILL, as a crash: nothing is committed, closed or removed.</summary>
    public void Kill()
    {
        process.KillHard();
        logPump.Join(TimeSpan.FromSeconds(10));
    }

    /// <summary>Stops it (SIGTERM, so it commits and closes cleanly; killed if it hangs).</summary>
    public void Stop()
    {
        try
        {
            if (!process.HasExited) process.Stop(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            process.KillHard();
        }
        logPump.Join(TimeSpan.FromSeconds(10));
    }

    public void Dispose()
    {
        Stop();
        process.Dispose();
    }

    private static void PumpLog(ChildProcess process, string logPath)
    {
        using var log = new StreamWriter(new FileStream(logPath, FileMode.Create, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        while (true)
        {
            var line = process.ReadLine(TimeSpan.FromSeconds(1));
            if (line is not null) log.WriteLine(line);
            else if (process.HasExited) return;
        }
    }

    internal static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
