namespace OrderStreams.Operations.Reset;

/// <summary>One internal topic of a reset plan and what happens to it.</summary>
public sealed record InternalTopicStep(InternalTopic Topic, InternalTopicAction Action);
