using Grpc.Core;
using Velostream.Tests.Otlp.Proto;

namespace Velostream.Tests.Otlp;

/// <summary>OTLP/gRPC logs endpoint: <c>opentelemetry.proto.collector.logs.v1.LogsService/Export</c>.</summary>
internal sealed class LogsServiceEndpoint(OtlpReceiverSink sink) : LogsService.LogsServiceBase
{
    public override Task<ExportLogsServiceResponse> Export(ExportLogsServiceRequest request, ServerCallContext context)
    {
        sink.Add(request, "grpc");
        return Task.FromResult(new ExportLogsServiceResponse());
    }
}
