using System.Globalization;

namespace OrderStreams.Bench.Pipeline;

/// <summary>
/// How busy the whole machine was over a run, from the kernel's CPU time counters (<c>/proc/stat</c>): every process
/// on it, the bench's own and the kernel's included. It tells whether a run at a given rate had cores to spare.
/// </summary>
public static class MachineLoad
{
    private const string Counters = "/proc/stat";

    /// <summary>
    /// Runs <paramref name="run"/> and says how busy the machine was meanwhile: the share of its CPU time (0 to 1), NaN
    /// where the counters cannot be read.
    /// </summary>
    public static async Task<(T Result, double Busy)> WhileAsync<T>(Func<Task<T>> run)
    {
        var start = Read();
        var result = await run();
        return (result, start is { } from && Read() is { } to && to.Total > from.Total
            ? (double)(to.Busy - from.Busy) / (to.Total - from.Total)
            : double.NaN);
    }

    /// <summary>The first line of <c>/proc/stat</c>: user nice system idle iowait irq softirq steal …, in clock ticks.</summary>
    private static (long Busy, long Total)? Read()
    {
        if (!File.Exists(Counters)) return null;
        var fields = File.ReadLines(Counters).First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var ticks = fields.Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var idle = ticks[3] + ticks[4];
        var total = ticks.Sum();
        return (total - idle, total);
    }
}
