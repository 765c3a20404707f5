namespace OrderStreams.Simulator.World;

/// <summary>Something customers order, at a price in cents.</summary>
public sealed record MenuItem(string Sku, string Name, long PriceCents);
