using OrderStreams.Operations.Rebuild;
using Spectre.Console;

namespace OrderStreams.Cli.Commands;

/// <summary>A rebuild's progress: a Spectre progress bar with rate and ETA in a terminal, a line every few seconds otherwise.</summary>
internal static class RebuildProgressView
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(5);

    /// <summary>Follows <paramref name="tracker"/> until caught up (returns the last reading) or cancelled (returns null).</summary>
    public static async Task<CatchUpProgress?> FollowAsync(CatchUpTracker tracker, string label, CancellationToken cancellation)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            var printed = DateTime.MinValue;
            while (true)
            {
                var progress = tracker.Update();
                if (progress.CaughtUp || DateTime.UtcNow - printed >= LineInterval)
                {
                    Console.WriteLine($"{label}: {Describe(progress)}");
                    printed = DateTime.UtcNow;
                }
                if (progress.CaughtUp) return progress;
                if (!await Pause(cancellation)) return null;
            }
        }

        CatchUpProgress? last = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(label, maxValue: 1);
                while (true)
                {
                    last = tracker.Update();
                    task.MaxValue = Math.Max(1, last.Total);
                    task.Value = last.Done;
                    task.Description = $"{Markup.Escape(label)} {Markup.Escape(Describe(last))}";
                    if (last.CaughtUp || !await Pause(cancellation)) break;
                }
                task.StopTask();
            });
        return last is { CaughtUp: true } ? last : null;
    }

    public static string Describe(CatchUpProgress progress)
    {
        if (progress.CaughtUp) return $"caught up: {progress.Done:N0} records rebuilt";
        if (!progress.Started) return $"waiting for it to start ({progress.Total:N0} records to process)";
        var eta = progress.Eta is { } left ? $"ETA {left:hh\\:mm\\:ss}" : "ETA unknown";
        return $"{progress.Fraction:P0} ({progress.Done:N0}/{progress.Total:N0} records, {progress.RecordsPerSecond:N0}/s, {eta})";
    }

    private static async Task<bool> Pause(CancellationToken cancellation)
    {
        try
        {
            await Task.Delay(Interval, cancellation);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
