using OrderStreams.Streams;

namespace OrderStreams.OrderFlow;

public static class EntityStepExtensions
{
    /// <summary>Runs <paramref name="step"/> on every event of the stream, with its store connected.</summary>
    public static KStream<string, VOut> Process<V, S, VOut>(this KStream<string, V> stream, EntityStep<V, S, VOut> step)
        where S : class, ITracedState<S>
        where VOut : class =>
        stream.Process(() => new EntityStateProcessor<V, S, VOut>(step), step.Store);
}
