using System.Diagnostics;

namespace OrderStreams.Bench.Pipeline;

/// <summary>How the latency runs send: a warm-up until something comes through, then an evenly spaced stream.</summary>
public static class Pacing
{
    /// <summary>Sends every 100 ms until <paramref name="cameThrough"/>, then lets the pipeline settle for a second.</summary>
    public static async Task WarmUpAsync(Action<int> send, Func<bool> cameThrough, string what, CancellationToken cancellation)
    {
        var warmup = Stopwatch.StartNew();
        for (var i = 0; !cameThrough(); i++)
        {
            if (warmup.Elapsed > TimeSpan.FromMinutes(3)) throw new TimeoutException($"Nothing came through {what} within 3 minutes.");
            send(i);
            await Task.Delay(100, cancellation);
        }
        await Task.Delay(1000, cancellation);
    }

    /// <summary>Calls <paramref name="send"/> <paramref name="perSecond"/> times a second, evenly spaced, for <paramref name="duration"/>; returns how many.</summary>
    public static async Task<int> SendEvenlyAsync(int perSecond, TimeSpan duration, Action<int> send, CancellationToken cancellation)
    {
        var total = (int)(perSecond * duration.TotalSeconds);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            if (TimeSpan.FromSeconds((double)i / perSecond) - clock.Elapsed is { Ticks: > 0 } wait) await Task.Delay(wait, cancellation);
            send(i);
        }
        return total;
    }
}
