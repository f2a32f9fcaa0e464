namespace Velostream.Engine.Jobs;

/// <summary>
/// Runs a loop that blocks its thread (a Kafka consumer waiting for records) on a dedicated thread instead
/// of the thread pool. The loop stays there for as long as what it awaits completes synchronously, as the
/// Kafka connectors' operations do.
/// </summary>
internal static class OwnThread
{
    public static Task<T> Run<T>(Func<Task<T>> loop) =>
        Task.Factory.StartNew(loop, CancellationToken.None, Options, TaskScheduler.Default).Unwrap();

    public static Task Run(Func<Task> loop) => Run(async () =>
    {
        await loop().ConfigureAwait(false);
        return true;
    });

    private const TaskCreationOptions Options = TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach;
}
