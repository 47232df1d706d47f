"""What every WSGI adapter shares: the request as rendering sees it, read from the environ."""
