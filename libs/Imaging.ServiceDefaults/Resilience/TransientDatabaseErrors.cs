using System.Data.Common;
using System.Net.Sockets;

namespace Imaging.ServiceDefaults.Resilience;

/// <summary>Which database failures are worth retrying: the ones a second attempt can fix.</summary>
public static class TransientDatabaseErrors
{
    /// <summary>True for a provider-marked transient error (Npgsql: connection loss, serialization failure, deadlock;
    /// SQLite: busy or locked), a timeout or a broken connection, also when wrapped in another exception. A constraint
    /// violation or a syntax error is not: retrying it only delays the same failure.</summary>
    public static bool IsTransient(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case DbException db when db.IsTransient:
                case TimeoutException:
                case SocketException:
                    return true;
            }
        }
        return false;
    }
}
