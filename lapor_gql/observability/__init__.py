"""Operations: request ids and log lines (``request_log``, ``log_format``), the background loops'
rounds (``background``) and Prometheus metrics (``metrics``)."""
