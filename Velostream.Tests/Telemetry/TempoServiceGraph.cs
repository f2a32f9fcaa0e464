namespace Velostream.Tests.Telemetry;

/// <summary>
/// What Tempo's service-graph processor derives from spans: a CLIENT span and its SERVER child, or a
/// PRODUCER span and its CONSUMER child, recorded by two different services form an edge (the latter with
/// <c>connection_type="messaging_system"</c>). Pairing is by span id and parent span id only, which is why
/// Velostream's consumer spans must be children of the producer spans and not merely linked to them.
/// </summary>
internal static class TempoServiceGraph
{
    public static IReadOnlySet<ServiceGraphEdge> Edges(IEnumerable<GraphSpan> spans)
    {
        var all = spans.ToList();
        var bySpanId = new Dictionary<(string Trace, string Span), GraphSpan>();
        foreach (var span in all)
        {
            bySpanId[(span.TraceId, span.SpanId)] = span;
        }
        var edges = new HashSet<ServiceGraphEdge>();
        foreach (var child in all)
        {
            if (child.Kind is not (GraphSpanKind.Server or GraphSpanKind.Consumer)
                || string.IsNullOrEmpty(child.ParentSpanId)
                || !bySpanId.TryGetValue((child.TraceId, child.ParentSpanId), out var parent)
                || parent.Service == child.Service)
            {
                continue;
            }
            if (child.Kind == GraphSpanKind.Consumer && parent.Kind == GraphSpanKind.Producer)
            {
                edges.Add(new ServiceGraphEdge(parent.Service, child.Service, "messaging_system"));
            }
            else if (child.Kind == GraphSpanKind.Server && parent.Kind == GraphSpanKind.Client)
            {
                edges.Add(new ServiceGraphEdge(parent.Service, child.Service, ""));
            }
        }
        return edges;
    }
}

internal enum GraphSpanKind { Internal, Server, Client, Producer, Consumer }

internal sealed record GraphSpan(string Service, string TraceId, string SpanId, string ParentSpanId, GraphSpanKind Kind);

/// <summary>An edge as <c>traces_service_graph_request_total{client, server, connection_type}</c> labels it.</summary>
internal sealed record ServiceGraphEdge(string Client, string Server, string ConnectionType);
