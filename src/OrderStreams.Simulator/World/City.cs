using OrderStreams.Contracts.Common;
using OrderStreams.Contracts.Entities;

namespace OrderStreams.Simulator.World;

/// <summary>The simulated city: branches on a ring around the centre, their drivers, and the menu.</summary>
public sealed class City
{
    /// <summary>Amsterdam's Dam square; any centre would do.</summary>
    public static readonly GeoLocation Centre = new() { Lat = 52.3731, Lon = 4.8926 };

    public static readonly IReadOnlyList<MenuItem> Menu =
    [
        new("pizza-margherita", "Pizza Margherita", 995),
        new("pizza-diavola", "Pizza Diavola", 1295),
        new("burger-classic", "Classic Burger", 1150),
        new("fries", "Fries", 395),
        new("salad-caesar", "Caesar Salad", 895),
        new("pad-thai", "Pad Thai", 1350),
        new("cola", "Cola", 275),
        new("tiramisu", "Tiramisu", 595),
    ];

    private static readonly string[] FirstNames = ["Ada", "Ben", "Chloe", "Daan", "Eva", "Finn", "Guus", "Hana", "Ilse", "Joris", "Kim", "Lars", "Mila", "Noor", "Otto", "Pim"];

    private City(IReadOnlyList<Branch> branches, IReadOnlyList<Driver> drivers)
    {
        Branches = branches;
        Drivers = drivers;
    }

    public IReadOnlyList<Branch> Branches { get; }

    public IReadOnlyList<Driver> Drivers { get; }

    public static string Branch(int index) => $"branch-{index:D2}";

    public static City Generate(SimulatorOptions options, Random random, DateTimeOffset now)
    {
        var branches = Enumerable.Range(0, options.Branches).Select(i => new Branch
        {
            BranchId = Branch(i),
            Name = $"OrderStreams Kitchen {i:D2}",
            Location = i == 0 ? Centre : Geo.Offset(Centre, 1.5 + 3.5 * random.NextDouble(), 2 * Math.PI * i / options.Branches),
            Open = !options.ClosedBranches.Contains(Branch(i)),
            KitchenCapacity = options.BranchKitchenCapacity.GetValueOrDefault(Branch(i), options.KitchenCapacity ?? Staffing.Kitchen(options, i)),
            DeliveryRadiusKm = 6,
            UpdatedAt = now,
        }).ToList();
        var drivers = branches.SelectMany((branch, b) => Enumerable.Range(0, DriversOf(options, b)).Select(d => new Driver
        {
            DriverId = $"driver-{b:D2}-{d:D2}",
            BranchId = branch.BranchId,
            Name = RandomName(random),
            Vehicle = (VehicleType)(1 + random.Next(3)),
            UpdatedAt = now,
        })).ToList();
        return new City(branches, drivers);
    }

    private static int DriversOf(SimulatorOptions options, int index) =>
        options.BranchDrivers.GetValueOrDefault(Branch(index), options.DriversPerBranch ?? Staffing.Drivers(options, index));

    public static string RandomName(Random random) => $"{FirstNames[random.Next(FirstNames.Length)]} {(char)('A' + random.Next(26))}.";
}
