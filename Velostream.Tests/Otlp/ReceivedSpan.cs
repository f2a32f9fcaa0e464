using Velostream.Tests.Otlp.Proto;

namespace Velostream.Tests.Otlp;

/// <summary>One span as it arrived, with the resource of the service that sent it.</summary>
public sealed record ReceivedSpan(IReadOnlyDictionary<string, string> Resource, string Scope, Span Span, string Protocol)
{
    public string ServiceName => Resource.GetValueOrDefault("service.name", "");

    public string Name => Span.Name;

    public string TraceId => Convert.ToHexStringLower(Span.TraceId.Span);

    public string SpanId => Convert.ToHexStringLower(Span.SpanId.Span);

    /// <summary>Empty for a root span.</summary>
    public string ParentSpanId => Convert.ToHexStringLower(Span.ParentSpanId.Span);

    public Span.Types.SpanKind Kind => Span.Kind;

    public IReadOnlyDictionary<string, string> Attributes => OtlpAttributes.ToDictionary(Span.Attributes);
}
