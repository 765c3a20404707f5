using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using OrderStreams.Native;

namespace OrderStreams.Platform;

/// <summary>A service running as its own process on 127.0.0.1, its output going to a log file.</summary>
public sealed class ServiceProcess : IDisposable
{
    private const int TailLength = 20;
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(2) };

    private readonly Process process;
    private readonly StreamWriter log;
    private readonly Queue<string> tail = new();

    private ServiceProcess(ServiceSpec spec, string applicationId, Process process, StreamWriter log, Uri url)
    {
        Spec = spec;
        ApplicationId = applicationId;
        this.process = process;
        this.log = log;
        Url = url;
    }

    public ServiceSpec Spec { get; }

    /// <summary>Its consumer group: the service's name, or a version of it (<c>denormaliser-v2</c>).</summary>
    public string ApplicationId { get; }

    /// <summary>Where its HTTP endpoints (/healthz, /readyz, /metrics, queries) listen.</summary>
    public Uri Url { get; }

    public bool HasExited => process.HasExited;

    public int Id => process.Id;

    /// <summary>The CPU time (user and system) the process has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    /// <summary>Its exit code once it has exited (137 after kill -9).</summary>
    public int ExitCode => process.ExitCode;

    /// <summary>The last lines it wrote, to show why it crashed.</summary>
    public IReadOnlyList<string> LastLines
    {
        get
        {
            lock (log) return tail.ToList();
        }
    }

    /// <summary>Whether <c>/readyz</c> answers 200 (its state is restored and it processes).</summary>
    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Probe.GetAsync(new Uri(Url, "/readyz"), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    /// <summary>Starts the built service as <paramref name="applicationId"/> with <paramref name="environment"/> (configuration as environment variables).</summary>
    public static ServiceProcess Start(ServiceSpec spec, string applicationId, string repositoryRoot, string configuration, IReadOnlyDictionary<string, string> environment, string logDirectory)
    {
        var assembly = Path.Combine(repositoryRoot, spec.Project, "bin", configuration, "net10.0", spec.Assembly + ".dll");
        if (!File.Exists(assembly))
            throw new FileNotFoundException($"{spec.Name} is not built: {assembly} is missing (run dotnet build -c {configuration}).", assembly);

        var url = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // Never written: the service stops when it closes, which the kernel does when this process dies, even by SIGKILL.
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        start.ArgumentList.Add(assembly);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        // Environment configuration overrides appsettings.json; ASPNETCORE_URLS would not (it is host configuration).
        start.Environment["Urls"] = url.ToString();
        start.Environment["Streams__ApplicationId"] = applicationId;
        // Query forwarding between instances needs each one to publish the address it listens on.
        start.Environment["Streams__ApplicationServer"] = $"{url.Host}:{url.Port}";
        start.Environment["Lifetime__StopWhenInputCloses"] = "true";

        Directory.CreateDirectory(logDirectory);
        var log = new StreamWriter(Path.Combine(logDirectory, applicationId + ".log"), append: true) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {spec.Name}.");
        var started = new ServiceProcess(spec, applicationId, process, log, url);
        process.OutputDataReceived += (_, e) => started.Write(e.Data);
        process.ErrorDataReceived += (_, e) => started.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Asks it to stop (SIGTERM) and waits; kills it after <paramref name="grace"/>.</summary>
    public void Stop(TimeSpan grace)
    {
        if (!process.HasExited)
        {
            if (!ProcessSignals.Terminate(process.Id)) process.Kill(entireProcessTree: true);
            if (!process.WaitForExit(grace)) process.Kill(entireProcessTree: true);
        }
        process.WaitForExit();
    }

    public void Dispose()
    {
        Stop(TimeSpan.FromSeconds(15));
        process.Dispose();
        lock (log) log.Dispose();
    }

    private void Write(string? line)
    {
        if (line is null) return;
        lock (log)
        {
            tail.Enqueue(line);
            if (tail.Count > TailLength) tail.Dequeue();
            if (log.BaseStream.CanWrite) log.WriteLine(line);
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
