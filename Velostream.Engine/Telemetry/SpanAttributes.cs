namespace Velostream.Engine.Telemetry;

/// <summary>
/// Attribute names on Velostream spans: the OpenTelemetry semantic conventions for messaging, database
/// queries and errors where they fit, <c>velostream.*</c> for the engine's own.
/// </summary>
internal static class SpanAttributes
{
    public const string MessagingSystem = "messaging.system";
    public const string MessagingSystemKafka = "kafka";
    public const string MessagingDestinationName = "messaging.destination.name";
    public const string MessagingOperationType = "messaging.operation.type";
    public const string MessagingOperationName = "messaging.operation.name";
    public const string MessagingKafkaOffset = "messaging.kafka.offset";
    public const string MessagingDestinationPartitionId = "messaging.destination.partition.id";
    public const string MessagingConsumerGroupName = "messaging.consumer.group.name";
    public const string MessagingKafkaMessageKey = "messaging.kafka.message.key";
    public const string MessagingBatchMessageCount = "messaging.batch.message_count";

    public const string DbSystemName = "db.system.name";
    public const string DbSystemVelostream = "velostream";
    public const string DbQueryText = "db.query.text";
    public const string DbOperationName = "db.operation.name";

    public const string ErrorType = "error.type";

    public const string JobName = "velostream.job.name";
    public const string AppName = "velostream.app.name";
    public const string RecordsIn = "velostream.records.in";
    public const string RecordsOut = "velostream.records.out";
    public const string LinkedInputs = "velostream.linked_inputs";
    public const string ContributingInputs = "velostream.contributing_inputs";
    public const string SampledRecords = "velostream.sampled_records";
    public const string LinkedRecords = "velostream.linked_records";
}
