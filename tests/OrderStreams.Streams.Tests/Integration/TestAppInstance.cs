using System.Globalization;
using OrderStreams.Streams.Processor;
using OrderStreams.Testing;

namespace OrderStreams.Streams.Tests.Integration;

/// <summary>
/// One process of the test app (tests/OrderStreams.Streams.TestApp) with its own state directory, its stdout followed
/// in the background: the tasks it processes, what it restored, whether it stopped cleanly.
/// </summary>
internal sealed class TestAppInstance : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private readonly ChildProcess process;
    private readonly List<string> lines = [];
    private readonly Lock gate = new();
    private readonly Thread reader;

    private TestAppInstance(string name, ChildProcess process)
    {
        Name = name;
        this.process = process;
        reader = new Thread(() =>
        {
            while (process.ReadLine(Timeout.InfiniteTimeSpan) is { } line)
            {
                lock (gate) lines.Add(line);
            }
        }) { IsBackground = true, Name = $"testapp-{name}-stdout" };
        reader.Start();
    }

    public string Name { get; }

    public int ExitCode => process.ExitCode;

    public string Errors => process.Errors;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (gate) return lines.ToList();
        }
    }

    /// <summary>The tasks processing now (restored and running), from the last <c>TASKS</c> line.</summary>
    public IReadOnlySet<TaskId> Tasks =>
        Lines.LastOrDefault(l => l.StartsWith("TASKS ", StringComparison.Ordinal)) is { } line && line != "TASKS -"
            ? line["TASKS ".Length..].Split(',').Select(TaskId.Parse).ToHashSet()
            : new HashSet<TaskId>();

    /// <summary>Store partitions that started restoring (<c>RESTORING</c> lines).</summary>
    public int RestoresStarted => Lines.Count(l => l.StartsWith("RESTORING ", StringComparison.Ordinal));

    /// <summary>Changelog records restored, summed over the <c>RESTORED</c> lines.</summary>
    public long RecordsRestored =>
        Lines.Where(l => l.StartsWith("RESTORED ", StringComparison.Ordinal)).Sum(l => long.Parse(l.Split(' ')[^1], CultureInfo.InvariantCulture));

    /// <summary>Starts an instance and waits until its streams have started (<c>RUNNING</c>).</summary>
    public static TestAppInstance Start(StreamsBrokerFixture kafka, TestAppDeployment app, string name, params string[] options)
    {
        var instance = Launch(kafka, app, name, options);
        instance.WaitFor(i => i.Lines.Contains("RUNNING"), "start");
        return instance;
    }

    /// <summary>Starts an instance without waiting for it.</summary>
    public static TestAppInstance Launch(StreamsBrokerFixture kafka, TestAppDeployment app, string name, params string[] options)
    {
        var assembly = Path.Combine(AppContext.BaseDirectory, "OrderStreams.Streams.TestApp.dll");
        var adminUrl = kafka.Broker.ServiceEnvironment().GetValueOrDefault("Kafka__EmbeddedAdminUrl");
        string[] args =
        [
            kafka.BootstrapServers, app.ApplicationId, app.Input, app.Output, app.StateDirOf(name),
            .. adminUrl is null ? Array.Empty<string>() : [$"embedded-admin-url={adminUrl}"], $"instance={name}", "commit-ms=500", .. options,
        ];
        return new TestAppInstance(name, ChildProcess.StartDotnet(assembly, args));
    }

    /// <summary>Polls until <paramref name="condition"/> holds; on timeout the exception carries this instance's output.</summary>
    public void WaitFor(Func<TestAppInstance, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!condition(this))
        {
            if (process.HasExited && !condition(this)) throw Failure($"exited with {process.ExitCode} before {what}");
            if (DateTime.UtcNow > deadline) throw Failure($"did not {what} within {Deadline}");
            Thread.Sleep(50);
        }
    }

    /// <summary>SIGTERM, then waits for the exit; the app closes its streams (commit, checkpoint, leave the group).</summary>
    public int Stop()
    {
        var code = process.Stop(Deadline);
        reader.Join(TimeSpan.FromSeconds(10));
        return code;
    }

    /// <summary>Waits for the process to end by itself.</summary>
    public int WaitForExit() => process.WaitForExit(Deadline);

    /// <summary>kill -9: no commit, no checkpoint, no leaving the group.</summary>
    public void Kill() => process.KillHard();

    public void Dispose() => process.Dispose();

    private TimeoutException Failure(string what) =>
        new($"Test app instance {Name} {what}. Stdout:{Environment.NewLine}{string.Join(Environment.NewLine, Lines.TakeLast(40))}{Environment.NewLine}Stderr: {Errors}");
}
