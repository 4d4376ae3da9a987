"""Lambda triggers of user pools: events (``events``), how a function is reached per ARN
(``invoker``: Python callables in ``local``, the Lambda Invoke API in ``lambda_api``), and the
errors AWS answers when one fails (``errors``). Operations call ``fire.fire``."""
