using System.ComponentModel.DataAnnotations;

namespace OrderStreams.PaymentCompletion;

/// <summary>Section <c>PaymentCompletion</c>; times as <c>hh:mm:ss</c> (environment variable <c>PaymentCompletion__PaymentTimeout=00:15:00</c>).</summary>
public sealed class PaymentCompletionOptions
{
    public const string Section = "PaymentCompletion";

    /// <summary>How long after placedAt (stream time) an order may wait for a capture before it expires.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "PaymentCompletion:PaymentTimeout must be between 1 second and 7 days.")]
    public TimeSpan PaymentTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a settled order (or payments without an order) is remembered, so late duplicates stay harmless.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00", ErrorMessage = "PaymentCompletion:SettledRetention must be between 1 minute and 30 days.")]
    public TimeSpan SettledRetention { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Interval of the deadline check; an order expires at most this long after its deadline passed (plus <see cref="IdleAfter"/> once caught up, on a quiet partition).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "PaymentCompletion:ExpiryCheckInterval must be between 1 second and 1 hour.")]
    public TimeSpan ExpiryCheckInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long the task must be caught up with its input (read to the end last fetched, from a broker that answers) and
    /// idle before the wall clock expires its orders; while records arrive, their timestamps decide, so a replay reaches
    /// the same verdicts, and while input waits in the topic (a restart, a broker down) nothing expires on the wall clock.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "PaymentCompletion:IdleAfter must be between 1 second and 1 hour.")]
    public TimeSpan IdleAfter { get; init; } = TimeSpan.FromSeconds(30);
}
