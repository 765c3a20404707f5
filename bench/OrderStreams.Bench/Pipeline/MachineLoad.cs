using System.Globalization;

namespace OrderStreams.Bench.Pipeline;

/// <summary>
/// How busy the whole machine was over a run, from the kernel's CPU time counters (<c>/proc/stat</c>): every process
/// on it, the bench's own and the kernel's included. It tells whether a run at a given rate had cores to spare.
/// </summary>
public sealed class MachineLoad
{
    private const string Counters = "/proc/stat";
    private readonly (long Busy, long Total)? start = Read();

    /// <summary>The share of the machine's CPU time that was busy since this was made (0 to 1), NaN where unknown.</summary>
    public double BusyShare()
    {
        if (start is not { } from || Read() is not { } to || to.Total <= from.Total) return double.NaN;
        return (double)(to.Busy - from.Busy) / (to.Total - from.Total);
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
