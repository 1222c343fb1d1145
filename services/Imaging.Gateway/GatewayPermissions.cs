namespace Imaging.Gateway;

/// <summary>DIMSE services a calling AE may be allowed to use.</summary>
[Flags]
public enum GatewayPermissions
{
    None = 0,
    Store = 1,
    Find = 2,
    Move = 4,
    Get = 8,
}

/// <summary>Parsing of permission names in settings.</summary>
public static class GatewayPermissionNames
{
    public static bool TryParse(string name, out GatewayPermissions permission)
    {
        permission = name.Trim().ToLowerInvariant() switch
        {
            "store" => GatewayPermissions.Store,
            "find" => GatewayPermissions.Find,
            "move" => GatewayPermissions.Move,
            "get" => GatewayPermissions.Get,
            _ => GatewayPermissions.None,
        };
        return permission != GatewayPermissions.None;
    }
}
