using System.ComponentModel.DataAnnotations;

namespace OrderStreams.Denormaliser;

/// <summary>Section <c>Denormaliser</c>.</summary>
public sealed class DenormaliserOptions
{
    public const string Section = "Denormaliser";

    /// <summary>How often (wall clock) each task looks for changed branches and drivers and re-emits the live orders showing them.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Denormaliser:ReferenceRefreshInterval must be between 1 second and 1 hour.")]
    public TimeSpan ReferenceRefreshInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Timeout of a query forwarded to the instance that owns the data.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00", ErrorMessage = "Denormaliser:ForwardTimeout must be between 100 ms and 1 minute.")]
    public TimeSpan ForwardTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
