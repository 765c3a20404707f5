using OrderStreams.Contracts.Common;

namespace OrderStreams.Simulator.World;

/// <summary>Distances and positions on the city map.</summary>
public static class Geo
{
    private const double EarthRadiusKm = 6371.0;

    /// <summary>Great-circle distance in kilometres (haversine).</summary>
    public static double DistanceKm(GeoLocation a, GeoLocation b)
    {
        var dLat = Radians(b.Lat - a.Lat);
        var dLon = Radians(b.Lon - a.Lon);
        var h = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(Radians(a.Lat)) * Math.Cos(Radians(b.Lat)) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>A point <paramref name="km"/> away from <paramref name="origin"/> in direction <paramref name="bearing"/> (radians), flat-earth approximation.</summary>
    public static GeoLocation Offset(GeoLocation origin, double km, double bearing) => new()
    {
        Lat = origin.Lat + km * Math.Cos(bearing) / 111.32,
        Lon = origin.Lon + km * Math.Sin(bearing) / (111.32 * Math.Cos(Radians(origin.Lat))),
    };

    /// <summary>The point a fraction <paramref name="t"/> (0..1) of the way from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static GeoLocation Between(GeoLocation from, GeoLocation to, double t) => new()
    {
        Lat = from.Lat + (to.Lat - from.Lat) * t,
        Lon = from.Lon + (to.Lon - from.Lon) * t,
    };

    private static double Radians(double degrees) => degrees * Math.PI / 180;
}
