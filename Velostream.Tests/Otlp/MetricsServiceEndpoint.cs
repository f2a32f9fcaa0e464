using Grpc.Core;
using Velostream.Tests.Otlp.Proto;

namespace Velostream.Tests.Otlp;

/// <summary>OTLP/gRPC metrics endpoint: <c>opentelemetry.proto.collector.metrics.v1.MetricsService/Export</c>.</summary>
internal sealed class MetricsServiceEndpoint(OtlpReceiverSink sink) : MetricsService.MetricsServiceBase
{
    public override Task<ExportMetricsServiceResponse> Export(ExportMetricsServiceRequest request, ServerCallContext context)
    {
        sink.Add(request, "grpc");
        return Task.FromResult(new ExportMetricsServiceResponse());
    }
}
