using OrderStreams.Contracts.Common;

namespace OrderStreams.OrderFlow.Tests;

public sealed class GeoTests
{
    [Fact]
    public void DistanceKm_AmsterdamToRotterdam_About57Km()
    {
        var amsterdam = new GeoLocation { Lat = 52.3676, Lon = 4.9041 };
        var rotterdam = new GeoLocation { Lat = 51.9244, Lon = 4.4777 };

        Assert.InRange(Geo.DistanceKm(amsterdam, rotterdam), 56, 59);
        Assert.Equal(0, Geo.DistanceKm(amsterdam, amsterdam), precision: 9);
    }
}
