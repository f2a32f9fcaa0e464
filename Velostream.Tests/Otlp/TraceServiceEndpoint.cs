using Grpc.Core;
using Velostream.Tests.Otlp.Proto;

namespace Velostream.Tests.Otlp;

/// <summary>OTLP/gRPC traces endpoint: <c>opentelemetry.proto.collector.trace.v1.TraceService/Export</c>.</summary>
internal sealed class TraceServiceEndpoint(OtlpReceiverSink sink) : TraceService.TraceServiceBase
{
    public override Task<ExportTraceServiceResponse> Export(ExportTraceServiceRequest request, ServerCallContext context)
    {
        sink.Add(request, "grpc");
        return Task.FromResult(new ExportTraceServiceResponse());
    }
}
