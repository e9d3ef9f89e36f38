using System;
using System.Device.Gpio;
using System.Text;
using System.Threading;
using IlmEnergy.Firmware.Device;
using IlmEnergy.Firmware.Metering;
using nanoFramework.Networking;
using nanoFramework.Runtime.Native;

namespace IlmEnergy.Firmware.App
{
    /// <summary>
    /// Boot of the plug: read I:\ilm.conf, pick the board's pins, open the hardware, bring up Wi-Fi and
    /// SNTP, then call PlugDevice.Tick once a second on this thread under a watchdog. All behaviour lives
    /// in the device core (IlmEnergy.Firmware.Device); this file only wires hardware to it.
    /// </summary>
    public static class Program
    {
        /// <summary>Device configuration on the I: drive, put there with nanoff --filedeployment.</summary>
        public const string ConfigFileName = "ilm.conf";

        private const int ProblemRepeatMs = 30000;
        private const int FatalRebootDelayMs = 30000;

        private static LoopSupervisor _supervisor;
        private static PlugDevice _device;

        // Held in a field: a Timer nobody references may be garbage collected and stop firing.
        private static Timer _watchdog;
        private static DebugLog _log;

        public static void Main()
        {
            _log = new DebugLog();
            _log.Info("IlmEnergy plug firmware starting");
            try
            {
                Run();
            }
            catch (Exception ex)
            {
                // Anything escaping boot is unexpected (bad configuration is handled in Halt): a clean
                // restart is the best a headless plug can do.
                _log.Warn("fatal error: " + ex.Message + "; rebooting in 30 s");
                Thread.Sleep(FatalRebootDelayMs);
                Power.RebootDevice();
            }
        }

        private static void Run()
        {
            LittleFsFileStore flash = new LittleFsFileStore(FlashFileNames.DefaultRoot);
            DeviceConfig config = LoadConfig(flash);
            BoardPins board = BoardPins.Find(config.Board);
            if (board == null)
            {
                Halt("board '" + config.Board + "' in " + ConfigFileName + " is unknown to this firmware; known boards: " + BoardPins.KnownIds());
            }

            _log.Info("board " + board.Id + ", meter " + board.ChipName + ", broker " + config.BrokerHost + ":" + config.BrokerPort.ToString());

            GpioController gpio = new GpioController();

            // Powered, like an ordinary plug, until the device core restores its saved state in Start().
            GpioRelay relay = new GpioRelay(gpio, board.RelayPin, board.RelayActiveHigh, true);
            GpioButton button = new GpioButton(gpio, board.ButtonPin, board.ButtonPressedLow, board.ButtonPullUp);
            StatusLed led = board.StatusLedPin == BoardPins.NoPin ? null : new StatusLed(gpio, board.StatusLedPin, board.StatusLedInverted);
            IMeter meter = OpenMeter(board, flash, gpio);

            // Wi-Fi before PlugDevice.Start: a first boot creates the identity key from the hardware RNG,
            // which ESP-IDF only guarantees to be truly random while the radio is on.
            WifiKeeper wifi = new WifiKeeper(_log);
            wifi.ConnectNow();
            wifi.StartKeeping();
            StartSntp();

            SystemClock clock = new SystemClock();
            M2MqttTransport mqtt = new M2MqttTransport(config.BrokerHost, config.BrokerPort, _log);
            PlugDevice device = new PlugDevice(config, flash, clock, relay, meter, mqtt, new HardwareRandom(), button, _log);
            device.Start();
            _device = device;

            RunLoop(device, clock, mqtt, led);
        }

        private static DeviceConfig LoadConfig(LittleFsFileStore flash)
        {
            byte[] bytes = null;
            try
            {
                bytes = flash.ReadAll(ConfigFileName);
            }
            catch (Exception ex)
            {
                Halt("cannot read " + FlashFileNames.DefaultRoot + ConfigFileName + ": " + ex.Message);
            }

            if (bytes == null)
            {
                Halt(FlashFileNames.DefaultRoot + ConfigFileName + " is missing: deploy it with nanoff --filedeployment (see firmware/README.md)");
            }

            try
            {
                return DeviceConfig.Parse(Encoding.UTF8.GetString(bytes, 0, bytes.Length));
            }
            catch (Exception ex)
            {
                Halt(ConfigFileName + " is invalid: " + ex.Message);
                return null;
            }
        }

        private static IMeter OpenMeter(BoardPins board, LittleFsFileStore flash, GpioController gpio)
        {
            byte[] record = null;
            try
            {
                record = flash.ReadAll(MeterSetup.CalibrationFileName);
            }
            catch (Exception ex)
            {
                _log.Warn("calibration record unreadable, using defaults: " + ex.Message);
            }

            Calibration calibration = MeterSetup.ChooseCalibration(board, record);
            if (!calibration.IsReferenceCalibrated)
            {
                _log.Warn("meter not calibrated against a reference load: readings carry the Uncalibrated flag");
            }

            if (board.Chip == MeterChip.Bl0937)
            {
                return MeterSetup.Create(board, calibration, null,
                    new Esp32PulseCounter(board.CfPin), new Esp32PulseCounter(board.Cf1Pin), new GpioOutput(gpio, board.SelPin));
            }

            return MeterSetup.Create(board, calibration, new SerialPortLink(board), null, null, null);
        }

        private static void StartSntp()
        {
            try
            {
                // ESP32 builds also start SNTP when the network comes up; starting it here makes it explicit
                // and harmless when it already runs. PlugDevice waits for IClock.IsSynced before stamping.
                Sntp.Start();
            }
            catch (Exception ex)
            {
                _log.Warn("SNTP start failed (will rely on the firmware's own SNTP): " + ex.Message);
            }
        }

        private static void RunLoop(PlugDevice device, SystemClock clock, M2MqttTransport mqtt, StatusLed led)
        {
            LoopOptions options = new LoopOptions();
            _supervisor = new LoopSupervisor(options, clock.UptimeMs);
            _watchdog = new Timer(CheckForStall, null, options.WatchdogPeriodMs, options.WatchdogPeriodMs);

            while (true)
            {
                int delay = _supervisor.DelayUntilNextTick(clock.UptimeMs);
                if (delay > 0)
                {
                    Thread.Sleep(delay);
                }

                try
                {
                    ExecutionConstraint.Install(options.TickTimeLimitMs, 0);
                    device.Tick();
                    ExecutionConstraint.Install(-1, 0);
                    _supervisor.TickSucceeded(clock.UptimeMs);
                }
                catch (ConstraintException)
                {
                    RebootFromLoop("a Tick ran longer than " + options.TickTimeLimitMs.ToString() + " ms");
                }
                catch (Exception ex)
                {
                    ExecutionConstraint.Install(-1, 0);
                    _log.Warn("Tick failed: " + ex.Message);
                    if (_supervisor.TickFailed(clock.UptimeMs))
                    {
                        RebootFromLoop(_supervisor.ConsecutiveFailures.ToString() + " Ticks in a row failed");
                    }
                }

                if (led != null)
                {
                    led.Set(mqtt.IsConnected);
                }
            }
        }

        // Timer thread: catches a main loop stuck where ExecutionConstraint cannot reach (native calls).
        private static void CheckForStall(object state)
        {
            if (_supervisor != null && _supervisor.IsStalled(Environment.TickCount64))
            {
                Reboot("main loop stalled");
            }
        }

        // On the loop thread nothing else touches the device, so its energy counter can be saved first.
        private static void RebootFromLoop(string reason)
        {
            try
            {
                ExecutionConstraint.Install(-1, 0);
                _device.PrepareForShutdown();
            }
            catch (Exception ex)
            {
                _log.Warn("could not save state before reboot: " + ex.Message);
            }

            Reboot(reason);
        }

        // From the watchdog timer the loop thread may be mid-write: reboot without touching the device.
        private static void Reboot(string reason)
        {
            _log.Warn("rebooting: " + reason);
            Power.RebootDevice(2000);
        }

        // Configuration problems survive a reboot, so rebooting would only loop: repeat the message for
        // whoever opens the serial console until the file is fixed (nanoff --filedeployment, then reset).
        private static void Halt(string problem)
        {
            while (true)
            {
                _log.Warn("cannot start: " + problem);
                Thread.Sleep(ProblemRepeatMs);
            }
        }
    }
}
