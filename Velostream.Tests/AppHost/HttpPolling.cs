namespace Velostream.Tests.AppHost;

/// <summary>Polls an HTTP probe of a starting resource until it has an answer, within a deadline.</summary>
internal static class HttpPolling
{
    /// <summary>
    /// Calls <paramref name="probe"/> every <paramref name="interval"/> until it returns a value; a
    /// connection refused before the deadline counts as "not ready yet". Fails the test, naming
    /// <paramref name="what"/>, after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<T> UntilAnswered<T>(
        Func<Task<T?>> probe, string what, TimeSpan timeout, TimeSpan interval, CancellationToken cancellationToken)
        where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if (await probe() is { } value)
                {
                    return value;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // Not ready yet.
            }
            Assert.True(DateTime.UtcNow < deadline, $"timed out after {timeout} waiting for {what}");
            await Task.Delay(interval, cancellationToken);
        }
    }
}
