namespace OrderStreams.Simulator;

/// <summary>The simulator's seeded random draws.</summary>
internal sealed class SimulatedRandom(int seed) : Random(seed)
{
    public bool Chance(double probability) => NextDouble() < probability;

    public TimeSpan Between((TimeSpan Min, TimeSpan Max) range) => range.Min + (range.Max - range.Min) * NextDouble();

    /// <summary>The wait until the next event of a Poisson process with <paramref name="ratePerSecond"/>.</summary>
    public TimeSpan Exponential(double ratePerSecond) => TimeSpan.FromSeconds(-Math.Log(1 - NextDouble()) / ratePerSecond);

    public Guid NextGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }
}
