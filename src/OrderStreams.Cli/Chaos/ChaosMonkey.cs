using System.Diagnostics;
using OrderStreams.Platform;
using OrderStreams.Kafka.Embedded;

namespace OrderStreams.Cli.Chaos;

/// <summary>
/// Makes the faults of a chaos run on a schedule while traffic flows: kills a service instance with SIGKILL (the
/// platform's supervisor starts it again), takes a broker off the network for a while, moves the services' group
/// coordinators to another broker, injects retriable Produce and Fetch errors. A kill goes to the instance killed least
/// in the last five minutes (ties at random), so that no service crashes often enough for the supervisor to give up.
/// </summary>
internal sealed class ChaosMonkey(ChaosOptions options, ServiceFleet fleet, EmbeddedKafkaCluster cluster, Action<string> report)
{
    private const short ProduceApi = 0;
    private const short FetchApi = 1;

    // NOT_LEADER_OR_FOLLOWER and REQUEST_TIMED_OUT: errors every Kafka client retries.
    private static readonly int[] RetriableErrors = [6, 7, 6];
    private static readonly TimeSpan KillMemory = TimeSpan.FromMinutes(5);

    private readonly Random random = new(options.Seed);
    private readonly List<(string ApplicationId, DateTimeOffset At)> recentKills = [];
    private int? downBroker;
    private DateTimeOffset upAt;
    private int coordinatorBroker;

    public int Kills { get; private set; }

    public int BrokerStops { get; private set; }

    public int CoordinatorFailovers { get; private set; }

    public int ErrorBursts { get; private set; }

    /// <summary>The broker that is down now, if any.</summary>
    public int? DownBroker => downBroker;

    /// <summary>Makes faults until <paramref name="stop"/>; a broker still down then is brought up again.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var start = DateTimeOffset.UtcNow;
        var faults = new List<Fault>();
        void Every(TimeSpan? interval, Action make)
        {
            if (interval is { } every && every > TimeSpan.Zero) faults.Add(new Fault(every, make) { Next = start + every });
        }
        Every(options.KillEvery, Kill);
        Every(options.BrokerStopEvery, StopBroker);
        Every(options.CoordinatorFailoverEvery, MoveCoordinators);
        Every(options.RequestErrorsEvery, InjectErrors);

        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await tick.WaitForNextTickAsync(stop))
            {
                var now = DateTimeOffset.UtcNow;
                if (downBroker is not null && now >= upAt) BringBrokerUp();
                foreach (var fault in faults.Where(f => now >= f.Next))
                {
                    fault.Make();
                    fault.Next += fault.Every;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            if (downBroker is not null) BringBrokerUp();
        }
    }

    private void Kill()
    {
        var now = DateTimeOffset.UtcNow;
        recentKills.RemoveAll(k => k.At < now - KillMemory);
        var running = fleet.Instances.Where(i => i.ProcessId is not null).ToList();
        if (running.Count == 0)
        {
            report("no service runs: nothing to kill");
            return;
        }
        int KillsOf(ServiceInstance instance) => recentKills.Count(k => k.ApplicationId == instance.ApplicationId);
        var fewest = running.Min(KillsOf);
        var candidates = running.Where(i => KillsOf(i) == fewest).ToList();
        var victim = candidates[random.Next(candidates.Count)];
        if (victim.ProcessId is not { } processId) return;
        try
        {
            using var process = Process.GetProcessById(processId);
            process.Kill();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            report($"{victim.ApplicationId} (pid {processId}) exited before the kill");
            return;
        }
        recentKills.Add((victim.ApplicationId, now));
        Kills++;
        report($"killed {victim.ApplicationId} (pid {processId}) with SIGKILL");
    }

    private void StopBroker()
    {
        if (downBroker is not null) return;
        var broker = random.Next(1, cluster.BrokerCount + 1);
        cluster.SetBrokerDown(broker);
        downBroker = broker;
        upAt = DateTimeOffset.UtcNow + options.BrokerDownFor;
        BrokerStops++;
        report($"broker {broker} down for {options.BrokerDownFor.TotalSeconds:F0} s");
    }

    private void BringBrokerUp()
    {
        cluster.SetBrokerUp(downBroker!.Value);
        report($"broker {downBroker} up");
        downBroker = null;
    }

    private void MoveCoordinators()
    {
        coordinatorBroker = coordinatorBroker % cluster.BrokerCount + 1;
        if (coordinatorBroker == downBroker) coordinatorBroker = coordinatorBroker % cluster.BrokerCount + 1;
        var groups = fleet.Instances.Select(i => i.ApplicationId).ToList();
        foreach (var group in groups) cluster.SetCoordinator("group", group, coordinatorBroker);
        CoordinatorFailovers++;
        report($"group coordinators of {string.Join(", ", groups)} moved to broker {coordinatorBroker}");
    }

    private void InjectErrors()
    {
        cluster.InjectRequestErrors(ProduceApi, RetriableErrors);
        cluster.InjectRequestErrors(FetchApi, RetriableErrors);
        ErrorBursts++;
        report($"next {RetriableErrors.Length} Produce and {RetriableErrors.Length} Fetch requests fail (NOT_LEADER_OR_FOLLOWER, REQUEST_TIMED_OUT)");
    }

    private sealed class Fault(TimeSpan every, Action make)
    {
        public TimeSpan Every { get; } = every;

        public Action Make { get; } = make;

        public DateTimeOffset Next { get; set; }
    }
}
