using System;
using System.Net.NetworkInformation;
using System.Threading;
using IlmEnergy.Firmware.Device.Platform;
using nanoFramework.Networking;

namespace IlmEnergy.Firmware.App
{
    /// <summary>
    /// Keeps Wi-Fi up with the credentials stored by `nanoff --networkdeployment` (nothing secret lives in
    /// the app or in ilm.conf). Connecting blocks, so it runs on its own thread and the device loop keeps
    /// metering (into the outbox) while the network is away.
    /// </summary>
    public sealed class WifiKeeper
    {
        private const int CheckPeriodMs = 30000;
        private const int ConnectTimeoutMs = 60000;

        private readonly ILog _log;
        private Thread _thread;

        public WifiKeeper(ILog log)
        {
            _log = log;
        }

        /// <summary>True when the Wi-Fi interface has an IPv4 address.</summary>
        public static bool HasAddress()
        {
            NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < interfaces.Length; i++)
            {
                NetworkInterface ni = interfaces[i];
                if (ni.NetworkInterfaceType == NetworkInterfaceType.Wireless80211)
                {
                    string address = ni.IPv4Address;
                    return address != null && address.Length > 0 && address != "0.0.0.0";
                }
            }

            return false;
        }

        /// <summary>One connection attempt with the stored credentials; logs why it failed.</summary>
        public bool ConnectNow()
        {
            try
            {
                CancellationTokenSource timeout = new CancellationTokenSource(ConnectTimeoutMs);
                if (WifiNetworkHelper.Reconnect(false, 0, timeout.Token))
                {
                    _log.Info("Wi-Fi connected");
                    return true;
                }

                Exception cause = WifiNetworkHelper.HelperException;
                _log.Warn("Wi-Fi not connected (helper status " + ((int)WifiNetworkHelper.Status).ToString() + ")"
                    + (cause == null ? string.Empty : ": " + cause.Message)
                    + ". Were credentials stored with nanoff --networkdeployment?");
            }
            catch (Exception ex)
            {
                _log.Warn("Wi-Fi connect failed: " + ex.Message);
            }

            return false;
        }

        /// <summary>Starts the background thread that reconnects whenever the address is lost.</summary>
        public void StartKeeping()
        {
            if (_thread != null)
            {
                return;
            }

            _thread = new Thread(Keep);
            _thread.Start();
        }

        private void Keep()
        {
            while (true)
            {
                Thread.Sleep(CheckPeriodMs);
                if (!HasAddress())
                {
                    ConnectNow();
                }
            }
        }
    }
}
