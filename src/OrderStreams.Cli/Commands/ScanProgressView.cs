using System.Diagnostics;
using OrderStreams.Operations.Clients;
using Spectre.Console;

namespace OrderStreams.Cli.Commands;

/// <summary>
/// Shows a scan's progress on stderr (a bar with the time left when stderr is a terminal), so stdout stays the
/// command's answer, and ends with one line saying what was read.
/// </summary>
internal static class ScanProgressView
{
    /// <param name="description">What is being read, for the bar.</param>
    /// <param name="found">What the kept records are, for the closing line (e.g. "dead letters").</param>
    /// <param name="work">The scan, reporting to the progress it is given.</param>
    public static async Task<T> RunAsync<T>(string description, string found, Func<IProgress<ScanProgress>, Task<T>> work)
    {
        var clock = Stopwatch.StartNew();
        ScanProgress? last = null;
        T result = default!;
        if (Console.IsErrorRedirected)
        {
            result = await work(new Reporter(p => last = p));
        }
        else
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            await console.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(Markup.Escape(description), maxValue: 1);
                    result = await work(new Reporter(p =>
                    {
                        last = p;
                        task.MaxValue = Math.Max(1, p.Total);
                        task.Value = p.Scanned;
                        task.Description = Markup.Escape($"{description} ({p.Matches} {found})");
                    }));
                });
        }
        await Console.Error.WriteLineAsync($"Read {last?.Scanned ?? 0} records in {clock.Elapsed.TotalSeconds:F1} s: {last?.Matches ?? 0} {found}.");
        return result;
    }

    // Progress<T> would post to the thread pool; the bar only needs the latest value, from whichever thread has it.
    private sealed class Reporter(Action<ScanProgress> report) : IProgress<ScanProgress>
    {
        public void Report(ScanProgress value) => report(value);
    }
}
