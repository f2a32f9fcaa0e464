namespace Velostream.Engine.Jobs;

/// <summary>What observers (tracing, metrics) need to know about a running job, fixed at start.</summary>
internal sealed record JobInfo(
    string Name,
    string? AppName,
    string QueryText,
    string Operation,
    IReadOnlyList<string> Sources,
    string Sink);
