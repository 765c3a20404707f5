using Microsoft.AspNetCore.Http;
using OrderStreams.Hosting.Problems;
using OrderStreams.Streams;

namespace OrderStreams.Hosting.Streams;

/// <summary>
/// Answers an interactive query, turning what stores refuse into a 503 the caller can retry: a store partition that is
/// restoring gives <see cref="ServiceProblem.Restoring"/> (with its progress, and how to ask for a stale answer), a
/// store that is not here now (starting, rebalancing) a plain 503. Never a stack trace.
/// </summary>
public static class StoreQueries
{
    /// <param name="what">What the stores hold, for the messages, like "The order views".</param>
    /// <param name="answer">The query; it reads stores with <see cref="KafkaStreams.Store{T}(StoreQueryParameters)"/>.</param>
    public static async Task<IResult> AnswerAsync(string what, Func<Task<IResult>> answer)
    {
        try
        {
            return await answer().ConfigureAwait(false);
        }
        catch (StoreRestoringException e)
        {
            var message = $"{what} are restoring on this instance ({e.Message}); retry, or add ?{StaleReads.Parameter}=true for a partial answer.";
            return ServiceProblem.Restoring(message, e.Progress);
        }
        catch (InvalidStateStoreException e)
        {
            return ServiceProblem.Unavailable($"{what} are not queryable now ({e.Message}).");
        }
    }
}
