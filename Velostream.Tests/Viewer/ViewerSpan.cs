namespace Velostream.Tests.Viewer;

/// <summary>One span as the Aspire dashboard's telemetry API returns it (OTLP JSON), with its service.</summary>
internal sealed record ViewerSpan(string Service, string TraceId, string SpanId, string ParentSpanId, string Name, int Kind, IReadOnlyDictionary<string, string> Attributes)
{
    public const int Internal = 1;
    public const int Producer = 4;
    public const int Consumer = 5;

    public override string ToString() => $"{Service}: {Name} {SpanId} (parent {(ParentSpanId.Length == 0 ? "none" : ParentSpanId)})";
}
