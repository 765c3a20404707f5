using System.ComponentModel.DataAnnotations;
using OrderStreams.OrderFlow;

namespace OrderStreams.Denormaliser;

/// <summary>Section <c>Denormaliser</c>.</summary>
public sealed class DenormaliserOptions
{
    public const string Section = "Denormaliser";

    /// <summary>How often (wall clock) each task looks for changed branches and drivers and re-emits the live orders showing them.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Denormaliser:ReferenceRefreshInterval must be between 1 second and 1 hour.")]
    public TimeSpan ReferenceRefreshInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The topic the views are written to. A replay as of a time (<c>orderstreams replay</c>) writes to a topic of its
    /// own, never into the live <c>orders.view</c>; a topic other than <c>orders.view</c> is created at start-up if
    /// missing, like it (compacted, the partitions of <c>orders.view</c>).
    /// </summary>
    [RegularExpression("^[A-Za-z0-9._-]{1,249}$", ErrorMessage = "Denormaliser:ViewTopic (environment variable Denormaliser__ViewTopic) must be a topic name: ASCII letters, digits, '.', '_' and '-'.")]
    public string ViewTopic { get; init; } = OrderFlowTopics.OrdersView;

    /// <summary>Timeout of a query forwarded to the instance that owns the data.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00", ErrorMessage = "Denormaliser:ForwardTimeout must be between 100 ms and 1 minute.")]
    public TimeSpan ForwardTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
